using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Samples.Common;

/// <summary>Starting a sample's host, which validates the SDK's settings.</summary>
public static class SampleHost
{
    /// <summary>
    /// Starts <paramref name="host"/>. A bad setting prints one <c>error:</c> line per problem (each names the setting) and
    /// returns <see cref="ExitCodes.Usage"/>; a server that cannot listen returns <see cref="ExitCodes.Failure"/>. Returns
    /// <c>null</c> once started.
    /// </summary>
    /// <param name="host">The sample's host.</param>
    public static async Task<int?> StartAsync(IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            await host.StartAsync().ConfigureAwait(false);
            return null;
        }
        catch (OptionsValidationException exception)
        {
            foreach (var failure in exception.Failures)
            {
                Console.Error.WriteLine($"error: {failure}");
            }

            return ExitCodes.Usage;
        }
        catch (InvalidOperationException exception)
        {
            Console.Error.WriteLine($"error: {exception.Message}"); // a value that cannot be read, e.g. Aircall:RateLimit:Window=soon
            return ExitCodes.Usage;
        }
        catch (IOException exception)
        {
            Console.Error.WriteLine($"error: cannot listen where --urls says: {exception.Message}");
            return ExitCodes.Failure;
        }
    }
}
