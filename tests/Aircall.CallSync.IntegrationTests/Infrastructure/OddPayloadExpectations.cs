using System.Text.Json.Nodes;
using Aircall.CallSync.Models;
using Aircall.CallSync.Testing;

namespace Aircall.CallSync.IntegrationTests.Infrastructure;

/// <summary>
/// What the SDK must read from a call the simulator sent with odd shapes, written from the documented table of
/// <see cref="SimulatorOddShapes"/> (never from the SDK's reading): lossless shapes change nothing, <c>UserAsId</c> and
/// <c>ContactAsId</c> leave only the id, <c>TeamsAsObject</c> and <c>TagsAsString</c> leave the field absent.
/// The <c>recording</c> and <c>voicemail</c> links are compared without their query: the simulator signs them afresh
/// (<c>X-Amz-Date</c>, <c>X-Amz-Signature</c>) every time it renders a call.
/// </summary>
internal static class OddPayloadExpectations
{
    /// <summary>The truth in wire shape, changed as the shapes' reading changes it.</summary>
    public static string Expected(Call truth, SimulatorOddShapes shapes)
    {
        var json = JsonNode.Parse(AircallJson.SerializeCall(truth))!.AsObject();
        WithoutSignature(json);
        if (shapes.HasFlag(SimulatorOddShapes.UserAsId))
        {
            IdOnly(json, "user");
        }

        if (shapes.HasFlag(SimulatorOddShapes.ContactAsId))
        {
            IdOnly(json, "contact");
        }

        if (shapes.HasFlag(SimulatorOddShapes.TeamsAsObject))
        {
            json.Remove("teams");
        }

        if (shapes.HasFlag(SimulatorOddShapes.TagsAsString))
        {
            json.Remove("tags");
        }

        return json.ToJsonString();
    }

    /// <summary>Asserts that <paramref name="actual"/> is exactly what reading <paramref name="truth"/> with <paramref name="shapes"/> gives.</summary>
    public static void ShouldBeTruthReadThrough(this Call actual, Call truth, SimulatorOddShapes shapes, string? where = null)
    {
        actual.Id.Should().Be(truth.Id, where);
        var read = JsonNode.Parse(AircallJson.SerializeCall(actual))!.AsObject();
        WithoutSignature(read);
        var got = read.ToJsonString();
        got.Should().Be(Expected(truth, shapes), $"call {truth.Id} was sent with {shapes} {where}");
    }

    /// <summary>The audio links without their query (the signature and its date change on every render).</summary>
    private static void WithoutSignature(JsonObject call)
    {
        foreach (var field in new[] { "recording", "voicemail" })
        {
            if (call[field]?.GetValue<string>() is { } link && link.IndexOf('?', StringComparison.Ordinal) is var query and >= 0)
            {
                call[field] = link[..query];
            }
        }
    }

    private static void IdOnly(JsonObject call, string field)
    {
        if (call[field] is JsonObject nested)
        {
            call[field] = new JsonObject { ["id"] = nested["id"]!.DeepClone() };
        }
    }
}
