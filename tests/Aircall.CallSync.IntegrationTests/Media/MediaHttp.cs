using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aircall.CallSync.Testing;

namespace Aircall.CallSync.IntegrationTests.Media;

/// <summary>Helpers of the media tests: the API client, a call with a recording or voicemail, and an MP3 frame walker.</summary>
internal static class MediaHttp
{
    public static HttpClient Api(AircallSimulator sim, HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.BaseAddress = sim.BaseAddress;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(sim.DefaultAccount.ApiId + ":" + sim.DefaultAccount.ApiToken)));
        return client;
    }

    public static long CallWithRecording(AircallSimulator sim) => sim.DefaultAccount.EnumerateCalls().First(c => c.Recording is not null).Id;

    public static long CallWithVoicemail(AircallSimulator sim) => sim.DefaultAccount.EnumerateCalls().First(c => c.Voicemail is not null).Id;

    /// <summary>The call's <c>recording</c> (or <c>voicemail</c>) link as <c>GET /v1/calls/{id}</c> gives it now.</summary>
    public static async Task<string> LinkAsync(HttpClient api, long callId, string field = "recording")
    {
        var body = await api.GetStringAsync($"/v1/calls/{callId}", TestContext.Current.CancellationToken);
        return JsonDocument.Parse(body).RootElement.GetProperty("call").GetProperty(field).GetString()!;
    }

    public static async Task<(int Status, string? ContentType, byte[] Body, HttpResponseMessage Response)> GetAsync(HttpClient client, string url, string? range = null, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, response);
    }

    /// <summary>
    /// Walks an MP3 (written independently of the simulator's code): an ID3v2 tag, then MPEG-2 Layer III frames back to
    /// back up to the last byte. Returns how many frames; throws when a byte is out of place.
    /// </summary>
    public static int CountFrames(ReadOnlySpan<byte> file)
    {
        int[] kbps = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
        int[] rates = [22050, 24000, 16000];
        file[..3].SequenceEqual("ID3"u8).Should().BeTrue("an MP3 with an ID3v2 tag starts with ID3");
        var at = 10 + ((file[6] << 21) | (file[7] << 14) | (file[8] << 7) | file[9]);
        var frames = 0;
        while (at < file.Length)
        {
            var header = file.Slice(at, 4);
            if (header[0] != 0xFF || (header[1] & 0xFE) != 0xF2)
            {
                throw new InvalidDataException($"No MPEG-2 Layer III frame sync at byte {at}.");
            }

            var length = (72 * kbps[header[2] >> 4] * 1000 / rates[(header[2] >> 2) & 3]) + ((header[2] >> 1) & 1);
            at += length;
            frames++;
        }

        at.Should().Be(file.Length, "the last frame ends at the last byte");
        return frames;
    }
}
