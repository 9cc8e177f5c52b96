using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>Where the account store gets its <see cref="IAccessTokenProtector"/> in DI: the user's, else Data Protection's.</summary>
internal static class AccessTokenProtection
{
    internal static IAccessTokenProtector? Find(IServiceProvider services)
        => services.GetService<IAccessTokenProtector>()
           ?? (services.GetService<IDataProtectionProvider>() is { } provider ? new DataProtectionAccessTokenProtector(provider) : null);

    internal static IAccessTokenProtector Require(IServiceProvider services, Type context)
        => Find(services) ?? throw new InvalidOperationException(Missing(context));

    internal static string Missing(Type context)
        => $"AddEntityFrameworkCoreStore<{context.Name}>() keeps the Aircall accounts' access tokens protected at rest, and nothing "
           + "protects them: register ASP.NET Core Data Protection (services.AddDataProtection(), with its keys persisted where every "
           + "instance reads them, e.g. .PersistKeysToFileSystem(new DirectoryInfo(\"/shared/keys\")) or .PersistKeysToDbContext<TContext>(), "
           + "and one .SetApplicationName(\"...\"), so that tokens survive restarts and are shared by all instances), "
           + "or register your own IAccessTokenProtector (services.AddSingleton<IAccessTokenProtector, MyProtector>()).";
}
