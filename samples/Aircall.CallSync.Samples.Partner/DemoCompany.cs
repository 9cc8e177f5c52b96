namespace Aircall.CallSync.Samples.Partner;

/// <summary>A company of the demo's simulator, and where its admin starts installing the app (the simulator's dashboard).</summary>
/// <param name="CompanyId">Aircall's company id; the app's account id is its digits.</param>
/// <param name="Name">The company's name on the simulator.</param>
/// <param name="InstallLink">The simulator's dashboard launch URL for the company: it logs its admin in and opens the app's install URI.</param>
internal sealed record DemoCompany(long CompanyId, string Name, Uri InstallLink);
