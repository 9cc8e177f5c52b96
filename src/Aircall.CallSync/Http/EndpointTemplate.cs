namespace Aircall.CallSync.Http;

/// <summary>
/// Reduces a request path to its route template (<c>/v1/calls/{id}/tags</c>) so telemetry never carries ids and has
/// bounded cardinality.
/// </summary>
internal static class EndpointTemplate
{
    internal static string FromPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            if (IsIdentifier(segments[i]))
            {
                segments[i] = "{id}";
            }
        }

        return "/" + string.Join('/', segments);
    }

    private static bool IsIdentifier(string segment)
    {
        if (segment.Length == 0)
        {
            return false;
        }

        var digits = true;
        foreach (var c in segment)
        {
            if (!char.IsAsciiDigit(c))
            {
                digits = false;
                break;
            }
        }

        return digits || (segment.Length >= 16 && Guid.TryParse(segment, out _)) || (segment.Length >= 20 && segment.Any(char.IsAsciiDigit));
    }
}
