using Aircall.CallSync.EntityFrameworkCore;
using Aircall.CallSync.Recordings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the EF Core recording archive store on the builder <c>AddAircallCallSync</c> returns.</summary>
public static class AircallRecordingArchiveBuilderExtensions
{
    /// <summary>
    /// Makes <typeparamref name="TContext"/>'s <c>aircall_recording_archives</c> table the recording archiver's
    /// <see cref="IRecordingArchiveStore"/> (<see cref="EntityFrameworkCoreRecordingArchiveStore{TContext}"/>), replacing the
    /// in-memory default, so pending downloads resume after a restart. Add <c>modelBuilder.ApplyAircallRecordingArchive()</c>
    /// to the context's <c>OnModelCreating</c>; use it with <c>AddRecordingArchiver</c>.
    /// </summary>
    /// <typeparam name="TContext">Your context.</typeparam>
    /// <param name="builder">The builder.</param>
    public static AircallCallSyncBuilder AddEntityFrameworkCoreRecordingArchive<TContext>(this AircallCallSyncBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(provider => new EntityFrameworkCoreRecordingArchiveStore<TContext>(ContextSource<TContext>.From(provider)));
        builder.Services.Replace(ServiceDescriptor.Singleton<IRecordingArchiveStore>(provider => provider.GetRequiredService<EntityFrameworkCoreRecordingArchiveStore<TContext>>()));
        return builder;
    }
}
