using System.Text;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Webhooks;

namespace Aircall.CallSync.Tests.Webhooks;

/// <summary>User, contact, number and integration events reach the consumer typed, with their raw JSON kept.</summary>
public sealed class NonCallEventTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_contact_event_has_its_contact()
    {
        var received = await DeliverAsync(WebhookFixtures.Read("contact-created.json"));

        received.Contact!.Id.Should().Be(76041687);
        received.Contact.FirstName.Should().Be("Koen Test");
        received.Contact.CreatedAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1646393184), "contact timestamps are UNIX seconds");
        received.Contact.Emails.Should().ContainSingle().Which.Label.Should().Be("Work");
        received.User.Should().BeNull();
        received.Number.Should().BeNull();
        received.IntegrationRemoval.Should().BeNull();
        received.Data.GetProperty("last_name").GetString().Should().Be("FuPPaYFelC", "the raw JSON is still there");
    }

    [Fact]
    public async Task A_user_event_has_its_user_with_numbers()
    {
        var received = await DeliverAsync(WebhookFixtures.Read("user-connected.json"));

        received.User!.Id.Should().Be(736640);
        received.User.Available.Should().BeTrue();
        received.User.Numbers.Should().HaveCountGreaterThan(1);
        received.User.Numbers![0].Digits.Should().Be("+61 2 8310 9650");
        received.Contact.Should().BeNull();
        received.User.Should().BeSameAs(received.User, "it is read once");
    }

    [Fact]
    public async Task A_number_event_and_a_v2_user_event_are_typed_by_their_family()
    {
        var number = await DeliverAsync(Envelope("number.opened", "number", """{"id":404821,"name":"Support line","digits":"+44 330 818 6690","open":"true"}"""));
        var user = await DeliverAsync(Envelope("user.created.v2", "user", """{"id":"777","name":"New Agent","available":1}"""));

        number.Number!.Id.Should().Be(404821);
        number.Number.Open.Should().BeTrue("read as tolerantly as a call");
        user.User!.Id.Should().Be(777);
        user.User.Available.Should().BeTrue();
    }

    [Fact]
    public async Task Integration_deleted_names_the_integration_and_the_company()
    {
        var received = await DeliverAsync(Envelope("integration.deleted", "integration", """{"integration_id":4321,"company_id":"98765"}"""));

        received.IntegrationRemoval!.IntegrationId.Should().Be(4321);
        received.IntegrationRemoval.CompanyId.Should().Be(98765);
        received.User.Should().BeNull();
    }

    private static byte[] Envelope(string eventName, string resource, string data)
        => Encoding.UTF8.GetBytes($$"""{"resource":"{{resource}}","event":"{{eventName}}","timestamp":1646393185,"token":"{{WebhookFixtures.Token}}","data":{{data}}}""");

    private static async Task<AircallWebhookEvent> DeliverAsync(byte[] body)
    {
        var consumer = new Consumer();
        var processor = new AircallWebhookProcessor(new InMemoryCallStore(), new StaticWebhookTokenResolver([WebhookFixtures.Token]), consumer: consumer);

        var result = await processor.ProcessAsync(body, Ct);

        result.StatusCode.Should().Be(200);
        return consumer.Events.Should().ContainSingle().Subject;
    }

    private sealed class Consumer : IWebhookEventConsumer
    {
        public List<AircallWebhookEvent> Events { get; } = [];

        public ValueTask HandleAsync(AircallWebhookEvent webhookEvent, CancellationToken cancellationToken)
        {
            Events.Add(webhookEvent);
            return ValueTask.CompletedTask;
        }
    }
}
