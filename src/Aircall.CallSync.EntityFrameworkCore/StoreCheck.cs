using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>Nothing to configure: the options whose validation at start-up checks the stores' context.</summary>
internal sealed class StoreCheck<TContext>
    where TContext : DbContext;

/// <summary>
/// At start-up (<c>ValidateOnStart</c>): the context resolves, its provider is one the stores support, its model has
/// the Aircall tables. Opens no connection: a database that is down at start-up is the webhook endpoint's 503, not a
/// failed start.
/// </summary>
internal sealed class StoreCheckValidator<TContext>(IServiceProvider services) : IValidateOptions<StoreCheck<TContext>>
    where TContext : DbContext
{
    public ValidateOptionsResult Validate(string? name, StoreCheck<TContext> options)
    {
        var factory = services.GetService<IDbContextFactory<TContext>>();
        using var scope = factory is null ? services.CreateScope() : null;
        using var context = factory?.CreateDbContext() ?? scope!.ServiceProvider.GetService<TContext>();
        if (context is null)
        {
            return ValidateOptionsResult.Fail(
                $"AddEntityFrameworkCoreStore<{typeof(TContext).Name}>() needs {typeof(TContext).Name} registered: services.AddDbContext<{typeof(TContext).Name}>(...) or AddDbContextFactory.");
        }

        // Throws NotSupportedException for another provider, InvalidOperationException for a model without the tables.
        _ = CallsTable.Of(context);
        _ = CheckpointsTable.Of(context);
        _ = AccountsTable.Of(context);
        _ = OAuthStatesTable.Of(context);
        // Token protection is checked where the account store is built (first use, or start-up when the partner
        // registration validates it): an application of a single account needs no Data Protection.
        return ValidateOptionsResult.Success;
    }
}
