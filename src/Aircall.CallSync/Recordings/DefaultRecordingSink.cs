using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Recordings;

/// <summary>The sink the archiver uses when none is registered: a <see cref="FileSystemRecordingSink"/> on <see cref="RecordingArchiverOptions.Directory"/>.</summary>
internal static class DefaultRecordingSink
{
    /// <summary>Whether the application registered an <see cref="IRecordingSink"/> of its own.</summary>
    internal static bool HasCustomSink(this IServiceProvider services) => services.GetService<IRecordingSink>() is not null;

    internal static IRecordingSink Resolve(IServiceProvider services)
        => services.GetService<IRecordingSink>()
            ?? new FileSystemRecordingSink(services.GetRequiredService<IOptions<RecordingArchiverOptions>>().Value.Directory
                ?? throw new InvalidOperationException("Set Aircall:Recordings:Directory or register an IRecordingSink."));
}
