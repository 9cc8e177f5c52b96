using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// Where the stores get a short-lived context for each operation: the application's
/// <see cref="IDbContextFactory{TContext}"/> (<c>AddDbContextFactory</c>, <c>AddPooledDbContextFactory</c>), or else a
/// new service scope and the context registered by <c>AddDbContext</c>. The stores are singletons used by concurrent
/// webhook deliveries and batch sync: a context is never shared between two operations.
/// </summary>
internal sealed class ContextSource<TContext>
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext>? _factory;
    private readonly IServiceScopeFactory? _scopes;

    internal ContextSource(IDbContextFactory<TContext> factory) => _factory = factory ?? throw new ArgumentNullException(nameof(factory));

    private ContextSource(IServiceScopeFactory scopes) => _scopes = scopes;

    /// <summary>The factory registered in <paramref name="services"/>, or else scopes of it.</summary>
    internal static ContextSource<TContext> From(IServiceProvider services)
        => services.GetService<IDbContextFactory<TContext>>() is { } factory
            ? new ContextSource<TContext>(factory)
            : new ContextSource<TContext>(services.GetRequiredService<IServiceScopeFactory>());

    /// <summary>Runs <paramref name="work"/> with a context of its own, disposed after.</summary>
    internal async ValueTask<T> RunAsync<T>(Func<TContext, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        var lease = await CreateAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            return await work(lease.Context, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A context for one operation; dispose the lease when done.</summary>
    private async ValueTask<Lease> CreateAsync(CancellationToken cancellationToken)
    {
        if (_factory is not null)
        {
            return new Lease(await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false), null);
        }

        var scope = _scopes!.CreateAsyncScope();
        try
        {
            var context = scope.ServiceProvider.GetService<TContext>() ?? throw new InvalidOperationException(
                $"No {typeof(TContext).Name} is registered: register it with services.AddDbContext<{typeof(TContext).Name}>(...) "
                + $"or services.AddDbContextFactory<{typeof(TContext).Name}>(...) before AddEntityFrameworkCoreStore<{typeof(TContext).Name}>().");
            return new Lease(context, scope);
        }
        catch
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A context for one operation, and the scope it came from, if any.</summary>
    private readonly struct Lease : IAsyncDisposable
    {
        private readonly AsyncServiceScope? _scope;

        internal Lease(TContext context, AsyncServiceScope? scope)
        {
            Context = context;
            _scope = scope;
        }

        internal TContext Context { get; }

        public async ValueTask DisposeAsync()
        {
            if (_scope is { } scope)
            {
                await scope.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await Context.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
