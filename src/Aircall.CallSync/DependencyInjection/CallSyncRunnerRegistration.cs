using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The one registration of <see cref="CallSyncRunner"/> (and an in-memory <see cref="ICheckpointStore"/> unless one is
/// registered) shared by batch sync, installed accounts and fleet sync, so every runner writes to the registered
/// <see cref="ICallStore"/> and tells every registered <see cref="ICallWriteObserver"/>.
/// </summary>
internal static class CallSyncRunnerRegistration
{
    /// <param name="services">The services.</param>
    /// <param name="feature">What needs the store, for the error when none is registered ("batch sync").</param>
    internal static void TryAddCallSyncRunner(IServiceCollection services, string feature)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICheckpointStore, InMemoryCheckpointStore>();
        services.TryAddSingleton(provider => new CallSyncRunner(
            provider.GetService<ICallStore>() ?? throw new InvalidOperationException(
                $"No ICallStore is registered: {feature} needs somewhere to save calls. Register yours, e.g. "
                + "services.AddSingleton<ICallStore, MyCallStore>() or the EF Core store (InMemoryCallStore for tests)."),
            provider.GetRequiredService<ICheckpointStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<CallSyncRunner>>(),
            provider.GetServices<ICallWriteObserver>()));
    }
}
