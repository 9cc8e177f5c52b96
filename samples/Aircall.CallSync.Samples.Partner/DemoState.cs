using System.Collections.Concurrent;

namespace Aircall.CallSync.Samples.Partner;

/// <summary>What the accounts page shows of the demo: the simulator's companies, their install links and call counts.</summary>
internal sealed class DemoState
{
    private readonly ConcurrentDictionary<long, DemoCompany> _companies = new();

    /// <summary>The simulator's call count of a company (what the app should end up storing), or <c>null</c> when unknown.</summary>
    public Func<long, long?> CallsAtSimulator { get; set; } = _ => null;

    /// <summary>The simulator's address.</summary>
    public Uri? Simulator { get; set; }

    public IReadOnlyList<DemoCompany> Companies => [.. _companies.Values.OrderBy(company => company.CompanyId)];

    public void Add(DemoCompany company) => _companies[company.CompanyId] = company;

    public DemoCompany? Find(long companyId) => _companies.GetValueOrDefault(companyId);
}
