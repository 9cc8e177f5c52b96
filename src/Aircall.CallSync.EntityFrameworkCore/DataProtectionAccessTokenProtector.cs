using Microsoft.AspNetCore.DataProtection;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// The default <see cref="IAccessTokenProtector"/>: ASP.NET Core Data Protection, with the purpose <see cref="Purpose"/>.
/// Tokens survive a restart, and are readable by every instance, only when the key ring is persisted and shared
/// (<c>services.AddDataProtection().PersistKeysToFileSystem(...)</c> or <c>PersistKeysToDbContext</c>, with one
/// <c>SetApplicationName</c>): see docs/entity-framework-core.md.
/// </summary>
public sealed class DataProtectionAccessTokenProtector : IAccessTokenProtector
{
    /// <summary>The Data Protection purpose of the access tokens.</summary>
    public const string Purpose = "Aircall.CallSync.AccessToken.v1";

    private readonly IDataProtector _protector;

    /// <summary>Creates the protector.</summary>
    /// <param name="provider">The application's Data Protection (<c>services.AddDataProtection()</c>).</param>
    public DataProtectionAccessTokenProtector(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _protector = provider.CreateProtector(Purpose);
    }

    /// <inheritdoc/>
    public string Protect(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        return _protector.Protect(accessToken);
    }

    /// <inheritdoc/>
    public string Unprotect(string protectedAccessToken)
    {
        ArgumentNullException.ThrowIfNull(protectedAccessToken);
        return _protector.Unprotect(protectedAccessToken);
    }
}
