using System.Text;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Webhooks;

namespace Aircall.CallSync.Tests.Webhooks;

/// <summary>
/// Bytes that are not UTF-8 are bad input like any other: the processor answers 400 (or 401 when the token is not
/// ours), never throws, and stores nothing it could not read. The fuzz-style loop mutates the real captured deliveries.
/// </summary>
public sealed class WebhookInvalidUtf8Tests
{
    private readonly InMemoryCallStore _store = new();

    /// <summary>Byte sequences that are not UTF-8: a stray continuation, a truncated sequence, overlong, surrogate, 0xFF.</summary>
    internal static readonly byte[][] InvalidSequences =
    [
        [0x80],
        [0xC3, 0x28],
        [0xE2, 0x82],
        [0xC0, 0xAF],
        [0xED, 0xA0, 0x80],
        [0xFF],
        [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    public static TheoryData<string, int> FieldsAndSequences()
    {
        var data = new TheoryData<string, int>();
        foreach (var field in (string[])["token", "event", "resource"])
        {
            for (var i = 0; i < InvalidSequences.Length; i++)
            {
                data.Add(field, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FieldsAndSequences))]
    public async Task Invalid_UTF8_in_an_envelope_string_is_malformed_and_stores_nothing(string field, int sequence)
    {
        var body = WithInvalidUtf8In(WebhookFixtures.Read("call-ended-outbound-780836699.json"), field, InvalidSequences[sequence]);

        var result = await Processor().ProcessAsync(body, CancellationToken.None);

        result.Outcome.Should().Be(WebhookOutcome.Malformed, $"invalid UTF-8 in \"{field}\"");
        result.StatusCode.Should().Be(400);
        _store.Count.Should().Be(0);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("event")]
    [InlineData("resource")]
    public async Task An_escaped_lone_surrogate_in_an_envelope_string_is_malformed(string field)
    {
        var body = WithInvalidUtf8In(WebhookFixtures.Read("call-ended-outbound-780836699.json"), field, "\\uD800"u8.ToArray());

        var result = await Processor().ProcessAsync(body, CancellationToken.None);

        result.Outcome.Should().Be(WebhookOutcome.Malformed);
        _store.Count.Should().Be(0);
    }

    [Fact]
    public async Task Invalid_UTF8_inside_the_calls_data_is_never_a_server_error()
    {
        var fixture = WebhookFixtures.Read("call-ended-outbound-780836699.json");
        var results = new List<int>();
        foreach (var sequence in InvalidSequences)
        {
            // Inside a string of data (the raw digits), and as a property name of data.
            results.Add((await Processor().ProcessAsync(InsertAfter(fixture, "\"raw_digits\": \"", sequence), CancellationToken.None)).StatusCode);
            results.Add((await Processor().ProcessAsync(InsertAfter(fixture, "\"data\": {\n    \"", sequence), CancellationToken.None)).StatusCode);
        }

        results.Should().OnlyContain(status => status == 200 || status == 400);
    }

    [Fact]
    public async Task Mutated_real_deliveries_never_throw_and_are_answered_2xx_400_or_401()
    {
        var fixtures = WebhookFixtures.All().Select(File.ReadAllBytes).ToArray();
        var random = new Random(20261201);
        var statuses = new Dictionary<int, int>();
        const int Iterations = 3000;
        for (var i = 0; i < Iterations; i++)
        {
            var body = Mutate(fixtures[i % fixtures.Length], random);
            WebhookProcessingResult result;
            try
            {
                result = await Processor(new InMemoryCallStore()).ProcessAsync(body, CancellationToken.None);
            }
            catch (Exception exception)
            {
                throw new InvalidOperationException($"Iteration {i} threw for the body {Convert.ToHexString(body)}", exception);
            }

            result.StatusCode.Should().BeOneOf([200, 400, 401], $"iteration {i}: {result}");
            statuses[result.StatusCode] = statuses.GetValueOrDefault(result.StatusCode) + 1;
        }

        // The mutations reach every outcome: some bodies stay valid, some break the JSON, some break the token.
        statuses.Keys.Should().Contain([200, 400, 401]);
    }

    /// <summary>The body with <paramref name="sequence"/> inserted in the middle of the string value of <paramref name="field"/>.</summary>
    internal static byte[] WithInvalidUtf8In(byte[] body, string field, byte[] sequence)
    {
        var marker = Encoding.UTF8.GetBytes($"\"{field}\": \"");
        var start = body.AsSpan().IndexOf(marker);
        start.Should().BeGreaterThanOrEqualTo(0, $"the fixture has a \"{field}\" string");
        return Insert(body, start + marker.Length + 2, sequence);
    }

    /// <summary>One random mutation of a valid body, biased towards invalid UTF-8 inside strings.</summary>
    internal static byte[] Mutate(byte[] body, Random random)
    {
        var position = random.Next(body.Length);
        switch (random.Next(6))
        {
            case 0: // an invalid sequence inserted anywhere
            case 1:
                return Insert(body, position, InvalidSequences[random.Next(InvalidSequences.Length)]);
            case 2: // one byte replaced by a byte that is never valid UTF-8 on its own
                var replaced = (byte[])body.Clone();
                replaced[position] = (byte)random.Next(0x80, 0x100);
                return replaced;
            case 3: // a random byte, any value
                var flipped = (byte[])body.Clone();
                flipped[position] = (byte)random.Next(256);
                return flipped;
            case 4: // truncated
                return body[..position];
            default: // the body left intact (a valid delivery must stay valid among the others)
                return body;
        }
    }

    private static byte[] InsertAfter(byte[] body, string marker, byte[] sequence)
    {
        var bytes = Encoding.UTF8.GetBytes(marker);
        var start = body.AsSpan().IndexOf(bytes);
        start.Should().BeGreaterThanOrEqualTo(0, marker);
        return Insert(body, start + bytes.Length, sequence);
    }

    private static byte[] Insert(byte[] body, int position, byte[] sequence)
        => [.. body.AsSpan(0, position), .. sequence, .. body.AsSpan(position)];

    private AircallWebhookProcessor Processor(ICallStore? store = null)
        => new(store ?? _store, new StaticWebhookTokenResolver([WebhookFixtures.Token]));
}
