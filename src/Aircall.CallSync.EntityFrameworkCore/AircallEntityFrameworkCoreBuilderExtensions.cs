using Aircall.CallSync.Accounts;
using Aircall.CallSync.EntityFrameworkCore;
using Aircall.CallSync.OAuth;
using Aircall.CallSync.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the EF Core stores (calls, checkpoints, accounts, OAuth states) on the builder <c>AddAircallCallSync</c> returns.</summary>
public static class AircallEntityFrameworkCoreBuilderExtensions
{
    /// <summary>
    /// Makes <typeparamref name="TContext"/> the SDK's <see cref="ICallStore"/> (<see cref="EntityFrameworkCoreCallStore{TContext}"/>),
    /// <see cref="ICheckpointStore"/> (<see cref="EntityFrameworkCoreCheckpointStore{TContext}"/>),
    /// <see cref="IAircallAccountStore"/> (<see cref="EntityFrameworkCoreAccountStore{TContext}"/>) and
    /// <see cref="IOAuthStateStore"/> (<see cref="EntityFrameworkCoreOAuthStateStore{TContext}"/>), replacing any
    /// registered before. Register the context yourself (<c>AddDbContext</c>, or <c>AddDbContextFactory</c>, which the
    /// stores then use), with <c>modelBuilder.ApplyAircallCallSync()</c> in its <c>OnModelCreating</c>. The account store
    /// protects access tokens with your <see cref="IAccessTokenProtector"/> if you register one, else with ASP.NET Core
    /// Data Protection (<c>services.AddDataProtection()</c>, keys persisted and shared by every instance). When the host
    /// starts, the context's provider and model are checked, and a protector must be registered: another provider than
    /// PostgreSQL (Npgsql) or SQLite fails start-up with a <see cref="NotSupportedException"/> naming them, a missing
    /// protector with an <see cref="OptionsValidationException"/> saying how to add one (no connection is opened).
    /// </summary>
    /// <typeparam name="TContext">Your context.</typeparam>
    /// <param name="builder">The builder.</param>
    public static AircallCallSyncBuilder AddEntityFrameworkCoreStore<TContext>(this AircallCallSyncBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new EntityFrameworkCoreCallStore<TContext>(ContextSource<TContext>.From(provider)));
        services.TryAddSingleton(provider => new EntityFrameworkCoreCheckpointStore<TContext>(
            ContextSource<TContext>.From(provider), provider.GetRequiredService<TimeProvider>()));
        services.Replace(ServiceDescriptor.Singleton<ICallStore>(provider => provider.GetRequiredService<EntityFrameworkCoreCallStore<TContext>>()));
        services.Replace(ServiceDescriptor.Singleton<ICheckpointStore>(provider => provider.GetRequiredService<EntityFrameworkCoreCheckpointStore<TContext>>()));
        services.TryAddSingleton(provider => new EntityFrameworkCoreAccountStore<TContext>(
            ContextSource<TContext>.From(provider), AccessTokenProtection.Require(provider, typeof(TContext)), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new EntityFrameworkCoreOAuthStateStore<TContext>(ContextSource<TContext>.From(provider)));
        services.Replace(ServiceDescriptor.Singleton<IAircallAccountStore>(provider => provider.GetRequiredService<EntityFrameworkCoreAccountStore<TContext>>()));
        services.Replace(ServiceDescriptor.Singleton<IOAuthStateStore>(provider => provider.GetRequiredService<EntityFrameworkCoreOAuthStateStore<TContext>>()));
        services.AddOptions<StoreCheck<TContext>>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreCheck<TContext>>, StoreCheckValidator<TContext>>());
        return builder;
    }
}
