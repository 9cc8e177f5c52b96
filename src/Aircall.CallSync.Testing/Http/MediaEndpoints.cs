using System.Globalization;
using System.Security;
using System.Text;
using Aircall.CallSync.Testing.Media;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// <c>GET</c> and <c>HEAD</c> <c>/simulator/media/{api_id}/{call id}/recording.mp3|voicemail.mp3</c>: the presigned
/// links of <see cref="SimulatorMedia"/>, answered as S3 answers them (no Aircall credentials, no rate limit).
/// </summary>
internal sealed class MediaEndpoints(AircallSimulator simulator)
{
    private const int ChunkSize = 64 * 1024;

    public static bool Matches(PathString path) => path.StartsWithSegments("/simulator/media", StringComparison.Ordinal);

    /// <summary>The origin the client reached the simulator at, for the links of the calls this response renders.</summary>
    public static Uri RequestBase(HttpRequest request) => new(request.Scheme + "://" + request.Host.Value + "/");

    public async Task HandleAsync(HttpContext context)
    {
        var media = simulator.Media;
        var time = simulator.TimeProvider.GetUtcNow();
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        var record = new SimulatorMediaRequest { Time = time, Method = request.Method, StatusCode = 0 };
        try
        {
            record = await ServeAsync(context, media, path, time, record).ConfigureAwait(false);
        }
        finally
        {
            media.Record(record with { StatusCode = record.StatusCode == 0 ? context.Response.StatusCode : record.StatusCode });
        }
    }

    private async Task<SimulatorMediaRequest> ServeAsync(HttpContext context, SimulatorMedia media, string path, DateTimeOffset time, SimulatorMediaRequest record)
    {
        var segments = path[MediaSigner.PathPrefix.Length..].Split('/');
        MediaKind? kind = segments.Length == 3 ? segments[2] switch { "recording.mp3" => MediaKind.Recording, "voicemail.mp3" => MediaKind.Voicemail, _ => null } : null;
        long? callId = segments.Length == 3 && long.TryParse(segments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        record = record with { CallId = callId, Kind = kind is { } k ? (k == MediaKind.Recording ? "recording" : "voicemail") : null };
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            return await RefuseAsync(context, record, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.").ConfigureAwait(false);
        }

        var check = media.Signer.Check(path, context.Request.Query, time, out var expiresAt);
        switch (check)
        {
            case LinkCheck.MissingParameters:
                return await RefuseAsync(context, record, 403, "AccessDenied", "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.").ConfigureAwait(false);
            case LinkCheck.BadSignature:
                return await RefuseAsync(context, record, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.").ConfigureAwait(false);
            case LinkCheck.Expired:
                return await ExpiredAsync(context, record, expiresAt, time, fault: null).ConfigureAwait(false);
        }

        if (callId is { } call && media.Decide(call, MediaFaultKind.Expire) is not null)
        {
            return await ExpiredAsync(context, record, expiresAt, time, "expire").ConfigureAwait(false);
        }

        if (kind is not { } file || callId is not { } callNumber || !Exists(segments[0], callNumber, file))
        {
            return await RefuseAsync(context, record, 404, "NoSuchKey", "The specified key does not exist.", key: path.TrimStart('/')).ConfigureAwait(false);
        }

        var content = media.ContentOf(callNumber, file);
        var (offset, length, partial) = Range(context.Request, content.Length);
        if (length < 0)
        {
            context.Response.Headers.ContentRange = "bytes */" + content.Length.ToString(CultureInfo.InvariantCulture);
            return await RefuseAsync(context, record, 416, "InvalidRange", "The requested range is not satisfiable").ConfigureAwait(false);
        }

        var head = HttpMethods.IsHead(context.Request.Method);
        var fault = head ? null : media.Decide(callNumber);
        if (fault is { Kind: MediaFaultKind.ServerError })
        {
            record = record with { Fault = fault.Label };
            return fault.Value == 503
                ? await RefuseAsync(context, record, 503, "SlowDown", "Please reduce your request rate.").ConfigureAwait(false)
                : await RefuseAsync(context, record, fault.Value, "InternalError", "We encountered an internal error. Please try again.").ConfigureAwait(false);
        }

        var response = context.Response;
        response.StatusCode = partial ? 206 : 200;
        response.ContentType = "audio/mpeg";
        response.ContentLength = length;
        response.Headers.ETag = content.ETag;
        response.Headers.AcceptRanges = "bytes";
        response.Headers["x-amz-request-id"] = RequestId(time);
        if (partial)
        {
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {offset}-{offset + length - 1}/{content.Length}");
        }

        record = record with { StatusCode = response.StatusCode, Fault = fault?.Label };
        if (head)
        {
            return record with { Completed = true };
        }

        return await SendBodyAsync(context, content, offset, length, fault, record).ConfigureAwait(false);
    }

    private async Task<SimulatorMediaRequest> SendBodyAsync(HttpContext context, MediaContent content, long offset, long length, MediaFaultRule? fault, SimulatorMediaRequest record)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, simulator.Stopping);
        var body = context.Response.Body;
        long sent = 0;
        try
        {
            switch (fault?.Kind)
            {
                case MediaFaultKind.Cut:
                    sent = Math.Min(fault.Bytes, Math.Max(0, length - 1));
                    await content.WriteAsync(body, offset, sent, ChunkSize, null, stop.Token).ConfigureAwait(false);
                    await body.FlushAsync(stop.Token).ConfigureAwait(false);
                    context.Abort();
                    return record with { BytesSent = sent };
                case MediaFaultKind.Hold:
                    sent = Math.Min(fault.Bytes, length);
                    await content.WriteAsync(body, offset, sent, ChunkSize, null, stop.Token).ConfigureAwait(false);
                    await body.FlushAsync(stop.Token).ConfigureAwait(false);
                    await fault.Gate!.WaitAsync(stop.Token).ConfigureAwait(false);
                    break;
            }

            var pace = fault is { Kind: MediaFaultKind.Throttle } ? fault.Value : 0;
            var chunk = pace > 0 ? Math.Max(1, Math.Min(ChunkSize, pace / 10)) : ChunkSize;
            await content.WriteAsync(
                body, offset + sent, length - sent, chunk,
                pace > 0 ? (bytes, ct) => PaceAsync(bytes, pace, body, ct) : null,
                stop.Token).ConfigureAwait(false);
            sent = length;
            return record with { BytesSent = sent, Completed = true };
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            context.Abort(); // the client gave up or the simulator stops: never complete the body
            return record with { BytesSent = sent };
        }
    }

    private async ValueTask PaceAsync(int bytes, int bytesPerSecond, Stream body, CancellationToken cancellationToken)
    {
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds((double)bytes / bytesPerSecond), simulator.TimeProvider, cancellationToken).ConfigureAwait(false);
    }

    private bool Exists(string account, long callId, MediaKind kind)
    {
        foreach (var candidate in simulator.Accounts)
        {
            if (string.Equals(candidate.ApiId, account, StringComparison.Ordinal))
            {
                var call = candidate.Timeline.Get(callId);
                return call is not null && (kind == MediaKind.Recording ? call.Recording : call.Voicemail) is not null;
            }
        }

        return false;
    }

    /// <summary>One <c>bytes=</c> range: (offset, length, partial); length −1 when unsatisfiable. Anything else serves the whole file.</summary>
    private static (long Offset, long Length, bool Partial) Range(HttpRequest request, long size)
    {
        var header = request.Headers.Range.ToString();
        if (!header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return (0, size, false);
        }

        var spec = header[6..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return (0, size, false);
        }

        var hasFirst = long.TryParse(spec[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first);
        var hasLast = long.TryParse(spec[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var last);
        if (!hasFirst && hasLast)
        {
            var suffix = Math.Min(last, size);
            return suffix == 0 ? (0, -1, true) : (size - suffix, suffix, true);
        }

        if (!hasFirst || (hasLast && last < first))
        {
            return (0, size, false);
        }

        if (first >= size)
        {
            return (0, -1, true);
        }

        var end = hasLast ? Math.Min(last, size - 1) : size - 1;
        return (first, end - first + 1, true);
    }

    private static async Task<SimulatorMediaRequest> ExpiredAsync(HttpContext context, SimulatorMediaRequest record, DateTimeOffset expiresAt, DateTimeOffset now, string? fault)
    {
        var extra = expiresAt == default
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"<Expires>{expiresAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}</Expires><ServerTime>{now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}</ServerTime>");
        return await RefuseAsync(context, record with { Fault = fault }, 403, "AccessDenied", "Request has expired", extra: extra).ConfigureAwait(false);
    }

    /// <summary>S3's error: <c>application/xml</c>, <c>&lt;Error&gt;&lt;Code&gt;...&lt;/Code&gt;&lt;Message&gt;...&lt;/Message&gt;...&lt;/Error&gt;</c>.</summary>
    private static async Task<SimulatorMediaRequest> RefuseAsync(HttpContext context, SimulatorMediaRequest record, int status, string code, string message, string? key = null, string extra = "")
    {
        var xml = new StringBuilder(256)
            .Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>").Append(code).Append("</Code><Message>")
            .Append(SecurityElement.Escape(message)).Append("</Message>");
        if (key is not null)
        {
            xml.Append("<Key>").Append(SecurityElement.Escape(key)).Append("</Key>");
        }

        xml.Append(extra).Append("<RequestId>").Append(RequestId(record.Time)).Append("</RequestId></Error>");
        var body = Encoding.UTF8.GetBytes(xml.ToString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }

        return record with { StatusCode = status, ErrorCode = code };
    }

    private static string RequestId(DateTimeOffset time)
        => time.ToUnixTimeMilliseconds().ToString("X16", CultureInfo.InvariantCulture);
}
