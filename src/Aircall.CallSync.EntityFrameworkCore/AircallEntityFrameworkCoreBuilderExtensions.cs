using Aircall.CallSync.EntityFrameworkCore;
using Aircall.CallSync.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the EF Core call and checkpoint stores on the builder <c>AddAircallCallSync</c> returns.</summary>
public static class AircallEntityFrameworkCoreBuilderExtensions
{
    /// <summary>
    /// Makes <typeparamref name="TContext"/> the SDK's <see cref="ICallStore"/> (<see cref="EntityFrameworkCoreCallStore{TContext}"/>)
    /// and <see cref="ICheckpointStore"/> (<see cref="EntityFrameworkCoreCheckpointStore{TContext}"/>), replacing any
    /// registered before. Register the context yourself (<c>AddDbContext</c>, or <c>AddDbContextFactory</c>, which the
    /// stores then use), with <c>modelBuilder.ApplyAircallCallSync()</c> in its <c>OnModelCreating</c>. When the host
    /// starts, the context's provider and model are checked: another provider than PostgreSQL (Npgsql) or SQLite fails
    /// start-up with a <see cref="NotSupportedException"/> naming them (no connection is opened).
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
        services.AddOptions<StoreCheck<TContext>>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreCheck<TContext>>, StoreCheckValidator<TContext>>());
        return builder;
    }
}
