using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Aircall.CallSync.Benchmarks.Json;

/// <summary>
/// What an integration without this SDK writes for Newtonsoft.Json: plain mutable POCOs with the fields of the Call
/// object, strings for enums, epoch seconds as <c>long</c> (converted later, if at all), snake_case through the
/// serializer settings. Used by the parse benchmarks and the tutorial loop of the sync harness.
/// </summary>
internal static class NewtonsoftModels
{
    public static JsonSerializerSettings Settings { get; } = new()
    {
        ContractResolver = new DefaultContractResolver { NamingStrategy = new SnakeCaseNamingStrategy() },
        MissingMemberHandling = MissingMemberHandling.Ignore,
        NullValueHandling = NullValueHandling.Ignore,
    };

    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings);

    public sealed class Webhook
    {
        public string? Resource { get; set; }

        public string? Event { get; set; }

        public long? Timestamp { get; set; }

        public string? Token { get; set; }

        public Call? Data { get; set; }
    }

    public sealed class CallList
    {
        public List<Call>? Calls { get; set; }

        public Meta? Meta { get; set; }
    }

    public sealed class Meta
    {
        public int Count { get; set; }

        public int Total { get; set; }

        public int CurrentPage { get; set; }

        public int PerPage { get; set; }

        public string? NextPageLink { get; set; }

        public string? PreviousPageLink { get; set; }
    }

    public sealed class Call
    {
        public long Id { get; set; }

        public string? Sid { get; set; }

        public string? CallUuid { get; set; }

        public string? DirectLink { get; set; }

        public string? Direction { get; set; }

        public string? Status { get; set; }

        public long? StartedAt { get; set; }

        public long? AnsweredAt { get; set; }

        public long? EndedAt { get; set; }

        public long? Duration { get; set; }

        public string? RawDigits { get; set; }

        public string? MissedCallReason { get; set; }

        public string? HangupCause { get; set; }

        public string? Cost { get; set; }

        public string? Recording { get; set; }

        public string? RecordingShortUrl { get; set; }

        public string? Voicemail { get; set; }

        public string? VoicemailShortUrl { get; set; }

        public string? Asset { get; set; }

        public bool? Archived { get; set; }

        public Number? Number { get; set; }

        public User? User { get; set; }

        public Contact? Contact { get; set; }

        public User? AssignedTo { get; set; }

        public List<Team>? Teams { get; set; }

        public User? TransferredBy { get; set; }

        public User? TransferredTo { get; set; }

        public List<Comment>? Comments { get; set; }

        public List<Tag>? Tags { get; set; }

        public List<Participant>? Participants { get; set; }

        public List<Participant>? ConferenceParticipants { get; set; }

        public long? AutomaticCallbackCallId { get; set; }

        public string? CountryCodeA2 { get; set; }

        public string? PricingType { get; set; }
    }

    public sealed class User
    {
        public long? Id { get; set; }

        public string? DirectLink { get; set; }

        public string? Name { get; set; }

        public string? Email { get; set; }

        public bool? Available { get; set; }

        public string? AvailabilityStatus { get; set; }

        public string? Substatus { get; set; }

        public string? TimeZone { get; set; }

        public string? Language { get; set; }

        public int? WrapUpTime { get; set; }

        public string? Extension { get; set; }

        public string? State { get; set; }

        public string? CreatedAt { get; set; }
    }

    public sealed class Number
    {
        public long? Id { get; set; }

        public string? DirectLink { get; set; }

        public string? Name { get; set; }

        public string? Digits { get; set; }

        public string? E164Digits { get; set; }

        public string? Country { get; set; }

        public string? TimeZone { get; set; }

        public bool? Open { get; set; }

        public string? AvailabilityStatus { get; set; }

        public bool? IsIvr { get; set; }

        public bool? LiveRecordingActivated { get; set; }

        public int? Priority { get; set; }

        public string? CreatedAt { get; set; }

        public Dictionary<string, string?>? Messages { get; set; }
    }

    public sealed class Contact
    {
        public long? Id { get; set; }

        public string? DirectLink { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? CompanyName { get; set; }

        public string? Description { get; set; }

        public string? Information { get; set; }

        public bool? IsShared { get; set; }

        public List<ContactDetail>? PhoneNumbers { get; set; }

        public List<ContactDetail>? Emails { get; set; }
    }

    public sealed class ContactDetail
    {
        public long? Id { get; set; }

        public string? Label { get; set; }

        public string? Value { get; set; }
    }

    public sealed class Team
    {
        public long? Id { get; set; }

        public string? DirectLink { get; set; }

        public string? Name { get; set; }

        public string? CreatedAt { get; set; }
    }

    public sealed class Comment
    {
        public long? Id { get; set; }

        public string? Content { get; set; }

        public long? PostedAt { get; set; }

        public User? PostedBy { get; set; }
    }

    public sealed class Tag
    {
        public long? Id { get; set; }

        public string? Name { get; set; }

        public string? Color { get; set; }

        public string? Description { get; set; }

        public long? TaggedAt { get; set; }

        public User? TaggedBy { get; set; }
    }

    public sealed class Participant
    {
        public string? Type { get; set; }

        public long? Id { get; set; }

        public string? Name { get; set; }

        public string? PhoneNumber { get; set; }
    }
}
