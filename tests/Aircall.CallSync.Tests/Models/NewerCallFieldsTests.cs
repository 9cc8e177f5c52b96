using System.Text.Json;
using System.Text.Json.Nodes;
using Aircall.CallSync.Serialization;
using Aircall.CallSync.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Models;

/// <summary>Fields of newer payloads, and the list option that brings the AI Voice Agent conversation.</summary>
public sealed class NewerCallFieldsTests
{
    [Fact]
    public void External_transfer_caller_number_and_ai_voice_agents_are_read()
    {
        var data = JsonNode.Parse(SampleFiles.WebhookData("call-ended-outbound-780836699.json"))!;
        data["external_transferred_to"] = "+33 6 12 34 56 78";
        data["external_caller_number"] = 33612345678;
        data["ai_voice_agents"] = JsonNode.Parse("""[{"id":"aiva_1","conversation":[{"role":"agent","text":"Hello"}]}]""");

        var call = AircallJson.ParseCall(JsonSerializer.SerializeToUtf8Bytes(data));

        call.ExternalTransferredTo.Should().Be("+33 6 12 34 56 78");
        call.ExternalCallerNumber.Should().Be("33612345678");
        call.AiVoiceAgents!.Value.ValueKind.Should().Be(JsonValueKind.Array);
        call.AiVoiceAgents.Value[0].GetProperty("conversation")[0].GetProperty("text").GetString().Should().Be("Hello");
    }

    [Fact]
    public void The_fields_are_absent_on_the_captured_deliveries()
    {
        var call = AircallJson.ParseCall(SampleFiles.WebhookData("call-ended-outbound-780836699.json"));

        call.ExternalTransferredTo.Should().BeNull();
        call.ExternalCallerNumber.Should().BeNull();
        call.AiVoiceAgents.Should().BeNull();
    }

    [Fact]
    public async Task Fetch_aiva_conv_is_sent_only_when_asked()
    {
        using var aircall = new MockAircall();
        aircall.Http.When(HttpMethod.Get, MockAircall.BaseUrl + "v1/calls")
            .Respond("application/json", """{"calls":[],"meta":{"count":0,"total":0,"next_page_link":null}}""");

        await foreach (var _ in aircall.Client().GetCallsAsync(new CallQuery { FetchAiVoiceAgentConversation = true, FetchContact = true }).WithCancellation(TestContext.Current.CancellationToken))
        {
        }

        await foreach (var _ in aircall.Client().GetCallsAsync().WithCancellation(TestContext.Current.CancellationToken))
        {
        }

        aircall.Sent[0].Uri.Query.Should().Contain("fetch_aiva_conv=true").And.Contain("fetch_contact=true");
        aircall.Sent[1].Uri.Query.Should().NotContain("fetch_aiva_conv");
    }

    [Fact]
    public void The_flag_is_part_of_the_query_fingerprint_only_when_set()
    {
        var plain = new CallQuery { FetchContact = true };

        new CallQuery { FetchContact = true, FetchAiVoiceAgentConversation = true }.Fingerprint().Should().NotBe(plain.Fingerprint());
        // The digest of a query without the flag is what it was before the flag existed, so saved checkpoints still resume.
        plain.Fingerprint().Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("||||||TrueFalseFalse"u8)).Substring(0, 16));
    }
}
