using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Aircall.CallSync.Testing.Data;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// Writes calls with the JSON shapes of <see cref="SimulatorOddShapes"/>: the one place the list and search pages, the
/// single-call responses and the webhook envelopes serialize a call. Which shapes a call gets is a pure function of the
/// seed and the call's id, so a call has the same shapes in every response and every delivery. The typed call (the
/// simulator's truth) is never changed: the serialized JSON is. Thread-safe (immutable).
/// </summary>
internal sealed class OddPayloads
{
    private const long Stream = 17;

    private readonly long _seed;
    private readonly double _rate;
    private readonly SimulatorOddShapes _enabled;

    public OddPayloads(long seed, double rate, SimulatorOddShapes enabled)
    {
        _seed = seed;
        _rate = rate;
        _enabled = enabled & SimulatorOddShapes.All;
    }

    /// <summary>Whether any call can be sent oddly.</summary>
    public bool IsOn => _rate > 0 && _enabled != SimulatorOddShapes.None;

    /// <summary>The shapes of a call: none for a call sent as documented.</summary>
    public SimulatorOddShapes ShapesOf(long callId)
    {
        if (!IsOn)
        {
            return SimulatorOddShapes.None;
        }

        var random = new SplitMix(_seed, callId, Stream);
        if (!random.Chance(_rate))
        {
            return SimulatorOddShapes.None;
        }

        // One shape at most per field; each field's group is drawn with probability one half. An odd call that drew none
        // of the shapes that always change something (archived, duration, unknown fields, nested booleans: every call has
        // them) gets one of those too, so that with a rate of 1 every call is sent oddly.
        var shapes = SimulatorOddShapes.None;
        var always = new List<SimulatorOddShapes>(4);
        var any = new List<SimulatorOddShapes>(Groups.Length);
        for (var g = 0; g < Groups.Length; g++)
        {
            var choices = Enabled(Groups[g]);
            if (choices.Count == 0)
            {
                continue;
            }

            var pick = choices[random.Next(choices.Count)];
            (g < AlwaysPresentGroups ? always : any).Add(pick);
            if (random.Chance(0.5))
            {
                shapes |= pick;
            }
        }

        var alwaysDrawn = false;
        foreach (var shape in always)
        {
            alwaysDrawn |= (shapes & shape) != 0;
        }

        if (!alwaysDrawn && always.Count > 0)
        {
            shapes |= always[random.Next(always.Count)];
        }
        else if (shapes == SimulatorOddShapes.None && any.Count > 0)
        {
            shapes = any[random.Next(any.Count)];
        }

        return shapes;
    }

    /// <summary>Writes <paramref name="call"/> with its shapes (as documented when it has none).</summary>
    public void Write(Utf8JsonWriter writer, Call call)
    {
        var shapes = ShapesOf(call.Id);
        if (shapes == SimulatorOddShapes.None)
        {
            JsonSerializer.Serialize(writer, call, AircallJsonContext.Default.Call);
            return;
        }

        var node = JsonSerializer.SerializeToNode(call, AircallJsonContext.Default.Call)!.AsObject();
        Rewrite(node, shapes, call.Id);
        node.WriteTo(writer);
    }

    /// <summary>Changes a serialized call in place.</summary>
    internal static void Rewrite(JsonObject call, SimulatorOddShapes shapes, long callId)
    {
        var asString = (callId & 1) == 1; // bare ids: a number for even call ids, a numeric string for odd ones
        if (shapes.HasFlag(SimulatorOddShapes.NestedBooleansAsStrings))
        {
            foreach (var (_, value) in call)
            {
                if (value is JsonObject or JsonArray)
                {
                    BooleansToStrings(value);
                }
            }
        }

        if (call["archived"] is JsonValue archived && archived.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            var value = archived.GetValueKind() == JsonValueKind.True;
            if (shapes.HasFlag(SimulatorOddShapes.ArchivedAsString))
            {
                call["archived"] = value ? "true" : "false";
            }
            else if (shapes.HasFlag(SimulatorOddShapes.ArchivedAsNumber))
            {
                call["archived"] = value ? 1 : 0;
            }
            else if (shapes.HasFlag(SimulatorOddShapes.ArchivedAsNumericString))
            {
                call["archived"] = value ? "1" : "0";
            }
        }

        if (call["duration"] is JsonValue durationValue && durationValue.TryGetValue<long>(out var duration))
        {
            var text = duration.ToString(CultureInfo.InvariantCulture);
            if (shapes.HasFlag(SimulatorOddShapes.DurationAsDecimal))
            {
                call["duration"] = JsonNode.Parse(text + ".0"); // a JsonElement keeps its text; a double would print 20
            }
            else if (shapes.HasFlag(SimulatorOddShapes.DurationAsString))
            {
                call["duration"] = text;
            }
        }

        if (shapes.HasFlag(SimulatorOddShapes.UserAsId))
        {
            ToBareId(call, "user", asString);
        }

        if (shapes.HasFlag(SimulatorOddShapes.ContactAsId))
        {
            ToBareId(call, "contact", asString);
        }

        if (shapes.HasFlag(SimulatorOddShapes.TeamsAsObject) && call["teams"] is not null)
        {
            call["teams"] = new JsonObject();
        }

        if (shapes.HasFlag(SimulatorOddShapes.TagsAsString) && call["tags"] is JsonArray tags)
        {
            var names = new StringBuilder();
            foreach (var tag in tags)
            {
                if (tag?["name"]?.GetValue<string>() is { } name)
                {
                    names.Append(names.Length == 0 ? string.Empty : ", ").Append(name);
                }
            }

            call["tags"] = names.ToString();
        }

        if (shapes.HasFlag(SimulatorOddShapes.UnknownFields))
        {
            call["sim_score"] = JsonNode.Parse("0.87");
            call["sim_insights"] = new JsonObject
            {
                ["summary"] = "Customer asked about billing.",
                ["topics"] = new JsonArray("billing", "renewal"),
                ["flags"] = new JsonObject { ["escalated"] = callId % 3 == 0, ["score"] = 4.5 },
                ["model"] = new JsonObject { ["version"] = 3, ["name"] = null },
            };
            call["sim_segments"] = new JsonArray(
                new JsonObject { ["start"] = 0, ["end"] = 12, ["speaker"] = "agent" },
                3,
                "x",
                null,
                new JsonArray(1, 2));
            foreach (var nested in (ReadOnlySpan<string>)["user", "number"])
            {
                if (call[nested] is JsonObject obj)
                {
                    obj["sim_presence"] = new JsonObject { ["device"] = "web", ["since"] = 1_700_000_000, ["muted"] = false };
                }
            }
        }
    }

    /// <summary>The first groups change fields every call has.</summary>
    private const int AlwaysPresentGroups = 4;

    private static readonly SimulatorOddShapes[][] Groups =
    [
        [SimulatorOddShapes.ArchivedAsString, SimulatorOddShapes.ArchivedAsNumber, SimulatorOddShapes.ArchivedAsNumericString],
        [SimulatorOddShapes.DurationAsDecimal, SimulatorOddShapes.DurationAsString],
        [SimulatorOddShapes.NestedBooleansAsStrings],
        [SimulatorOddShapes.UnknownFields],
        [SimulatorOddShapes.UserAsId],
        [SimulatorOddShapes.ContactAsId],
        [SimulatorOddShapes.TeamsAsObject],
        [SimulatorOddShapes.TagsAsString],
    ];

    private List<SimulatorOddShapes> Enabled(SimulatorOddShapes[] group)
    {
        var enabled = new List<SimulatorOddShapes>(group.Length);
        foreach (var shape in group)
        {
            if ((_enabled & shape) != 0)
            {
                enabled.Add(shape);
            }
        }

        return enabled;
    }

    private static void ToBareId(JsonObject call, string field, bool asString)
    {
        if (call[field] is JsonObject nested && nested["id"] is JsonValue idValue && idValue.TryGetValue<long>(out var id))
        {
            call[field] = asString ? id.ToString(CultureInfo.InvariantCulture) : JsonValue.Create(id);
        }
    }

    private static void BooleansToStrings(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (obj[name] is { } child)
                    {
                        if (child is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                        {
                            obj[name] = value.GetValueKind() == JsonValueKind.True ? "true" : "false";
                        }
                        else
                        {
                            BooleansToStrings(child);
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        BooleansToStrings(item);
                    }
                }

                break;
        }
    }
}
