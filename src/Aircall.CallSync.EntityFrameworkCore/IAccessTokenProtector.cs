namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// Protects the accounts' OAuth access tokens at rest in the <c>aircall_accounts</c> table. Register yours
/// (<c>services.AddSingleton&lt;IAccessTokenProtector, MyProtector&gt;()</c>, e.g. over a key vault) to use it instead of
/// ASP.NET Core Data Protection (<see cref="DataProtectionAccessTokenProtector"/>, the default). Every instance that
/// shares the database must unprotect what any other protected. Thread-safe.
/// </summary>
public interface IAccessTokenProtector
{
    /// <summary>The form of <paramref name="accessToken"/> to store: never the token itself.</summary>
    /// <param name="accessToken">The access token, in clear.</param>
    string Protect(string accessToken);

    /// <summary>The access token <paramref name="protectedAccessToken"/> holds.</summary>
    /// <param name="protectedAccessToken">What <see cref="Protect"/> returned, here or in another instance.</param>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The value cannot be unprotected (the keys are lost, or differ between instances).</exception>
    string Unprotect(string protectedAccessToken);
}
