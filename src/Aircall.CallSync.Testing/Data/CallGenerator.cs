using System.Globalization;
using Aircall.CallSync.Models;
using Aircall.CallSync.Testing.Media;

namespace Aircall.CallSync.Testing.Data;

/// <summary>
/// Derives calls from a seed and an id: <see cref="Facets"/> draws the searchable essentials, <see cref="Build"/> the
/// whole call in Aircall's shape at a lifecycle stage. Pure functions: the same inputs always give the same call.
/// </summary>
internal static class CallGenerator
{
    private static readonly string[] s_firstNames = ["Jane", "Omar", "Mei", "Lucas", "Amara", "Sven", "Priya", "Diego"];
    private static readonly string[] s_lastNames = ["Martin", "Okafor", "Chen", "Dubois", "Silva", "Larsen", "Nair", "Rossi"];
    private static readonly string[] s_companies = ["Acme Ltd", "Globex", "Initech", "Umbrella Corp", "Hooli"];
    private static readonly string[] s_notes =
    [
        "Please call back this customer!", "Asked for a quote, send it by Friday.", "Escalated to tier 2.",
        "Wrong number.", "Happy with the resolution.",
    ];

    public static CallFacets Facets(long seed, long id)
    {
        var r = new SplitMix(seed, id, 1);
        var f = default(CallFacets);
        var inbound = r.Chance(0.65);
        var x = r.NextDouble();
        f.Kind = inbound
            ? x < 0.55 ? CallKind.InboundAnswered : x < 0.85 ? CallKind.InboundMissed : CallKind.InboundVoicemail
            : x < 0.7 ? CallKind.OutboundAnswered : CallKind.OutboundUnanswered;
        f.Anonymous = inbound && r.Chance(0.06);
        f.UserIndex = (sbyte)(f.IsAnswered || !inbound ? r.Next(Catalog.UserNames.Length) : -1);
        f.TeamIndex = (sbyte)(inbound && r.Chance(0.6) ? r.Next(Catalog.TeamNames.Length) : -1);
        f.MissedReasonIndex = (sbyte)(f.Kind switch
        {
            CallKind.InboundMissed => r.Next(Catalog.MissedReasons.Length),
            CallKind.InboundVoicemail => r.Chance(0.7) ? 5 : 4,
            _ => -1,
        });
        f.NumberIndex = (byte)r.Next(Catalog.Numbers.Length);
        f.PhoneIndex = (short)r.Next(Catalog.PhoneCount);
        if (r.Chance(0.35))
        {
            f.TagMask |= 1 << r.Next(Catalog.TagNames.Length);
            if (r.Chance(0.3))
            {
                f.TagMask |= 1 << r.Next(Catalog.TagNames.Length);
            }
        }

        f.Transferred = f.IsAnswered && r.Chance(0.08);
        f.Archived = r.Chance(0.2);
        f.CommentCount = (byte)(f.IsAnswered && r.Chance(0.15) ? 1 + r.Next(2) : 0);
        var shortAbandon = f.MissedReasonIndex == 1;
        f.RingSeconds = shortAbandon ? 2 + r.Next(8) : 3 + r.Next(38);
        f.TalkSeconds = f.IsAnswered ? 15 + r.Next(1186) : f.Kind == CallKind.InboundVoicemail ? 10 + r.Next(51) : 0;
        return f;
    }

    /// <summary>
    /// The whole call; <paramref name="startedAtDelay"/> puts <c>started_at</c> (and the times after it) that many seconds
    /// after the creation second; <paramref name="links"/> signs its <c>recording</c> and <c>voicemail</c> links.
    /// </summary>
    public static Call Build(long seed, in CallSlot slot, CallOverlay? overlay, LifecycleStage stage, bool webhookShape, long startedAtDelay = 0, MediaLinks links = default)
    {
        var f = slot.Facets;
        var r = new SplitMix(seed, slot.Id, 2);
        var id = slot.Id;
        var started = DateTimeOffset.FromUnixTimeSeconds(slot.CreatedAt + startedAtDelay);
        var answeredAt = f.IsAnswered ? started.AddSeconds(f.RingSeconds) : (DateTimeOffset?)null;
        var endedAt = started.AddSeconds(f.RingSeconds + f.TalkSeconds);
        var sid = string.Create(CultureInfo.InvariantCulture, $"CA{r.NextUInt64():x16}{r.NextUInt64():x16}");
        var done = stage >= LifecycleStage.Hungup;
        var final = stage == LifecycleStage.Final;
        var number = Catalog.Number(f.NumberIndex);
        var hasUser = !f.IsInbound || (f.IsAnswered && stage >= LifecycleStage.Ringing);
        var user = hasUser && f.UserIndex >= 0 ? Catalog.User(f.UserIndex) : null;
        var transferredTo = overlay?.TransferredToUserIndex
            ?? (f.Transferred && stage >= LifecycleStage.Transferred ? (f.UserIndex + 1) % Catalog.UserNames.Length : (int?)null);
        var recording = f.IsAnswered && done && number.LiveRecordingActivated == true && overlay?.RecordingDeleted != true
            ? links.For(id, MediaKind.Recording)
            : null;
        var voicemail = f.Kind == CallKind.InboundVoicemail && done && overlay?.VoicemailDeleted != true
            ? links.For(id, MediaKind.Voicemail)
            : null;
        var contact = !f.Anonymous && r.Chance(0.3) ? BuildContact(f.PhoneIndex, started) : null;
        var status = stage switch
        {
            LifecycleStage.Created or LifecycleStage.Ringing => CallStatus.Initial,
            LifecycleStage.Answered or LifecycleStage.Transferred => f.IsAnswered ? CallStatus.Answered : CallStatus.Initial,
            _ => CallStatus.Done,
        };

        return new Call
        {
            Id = id,
            Sid = sid,
            CallUuid = sid,
            DirectLink = string.Create(CultureInfo.InvariantCulture, $"{Catalog.ApiOrigin}/v1/calls/{id}"),
            Direction = f.IsInbound ? CallDirection.Inbound : CallDirection.Outbound,
            Status = status,
            StartedAt = started,
            AnsweredAt = stage >= LifecycleStage.Answered ? answeredAt : null,
            EndedAt = done ? endedAt : null,
            Duration = done ? f.RingSeconds + f.TalkSeconds : 0,
            RawDigits = f.Anonymous ? "anonymous" : Catalog.Phone(f.PhoneIndex),
            MissedCallReason = done && f.MissedReasonIndex >= 0 ? Catalog.MissedReasons[f.MissedReasonIndex] : (MissedCallReason?)null,
            HangupCause = done ? "NORMAL_CLEARING" : null,
            Cost = "0.0",
            Recording = recording,
            Voicemail = voicemail,
            Asset = recording is not null || voicemail is not null
                ? string.Create(CultureInfo.InvariantCulture, $"https://assets.aircall.io/{(recording is not null ? "recording" : "voicemail")}/{id}")
                : null,
            Archived = final && (overlay?.Archived ?? f.Archived),
            Number = number,
            User = user,
            Contact = contact,
            Teams = f.TeamIndex >= 0 ? [Catalog.Team(f.TeamIndex)] : [],
            TransferredBy = transferredTo is not null && f.UserIndex >= 0 ? Catalog.User(f.UserIndex) : null,
            TransferredTo = transferredTo is { } to ? Catalog.User(to) : null,
            Comments = final ? BuildComments(f, id, endedAt, overlay) : [],
            Tags = final ? BuildTags(f, endedAt, overlay, webhookShape) : [],
            Participants = [],
            ConferenceParticipants = [],
            CountryCodeA2 = f.Anonymous ? null : (f.PhoneIndex % 4) switch { 0 => "GB", 1 => "FR", 2 => "US", _ => "DE" },
            PricingType = "pay_as_you_go",
        };
    }

    private static Contact BuildContact(int phoneIndex, DateTimeOffset started) => new()
    {
        Id = 500_000 + phoneIndex,
        DirectLink = string.Create(CultureInfo.InvariantCulture, $"{Catalog.ApiOrigin}/v1/contacts/{500_000 + phoneIndex}"),
        FirstName = s_firstNames[phoneIndex % s_firstNames.Length],
        LastName = s_lastNames[phoneIndex / s_firstNames.Length % s_lastNames.Length],
        CompanyName = s_companies[phoneIndex % s_companies.Length],
        IsShared = true,
        PhoneNumbers = [new ContactDetail { Id = 700_000 + phoneIndex, Label = "Work", Value = Catalog.Normalize(Catalog.Phone(phoneIndex)) }],
        Emails = [],
        CreatedAt = started.AddDays(-30),
        UpdatedAt = started.AddDays(-1),
    };

    private static List<Comment> BuildComments(CallFacets f, long id, DateTimeOffset endedAt, CallOverlay? overlay)
    {
        var comments = new List<Comment>(f.CommentCount + (overlay?.Comments.Count ?? 0));
        for (var k = 0; k < f.CommentCount; k++)
        {
            comments.Add(new Comment
            {
                Id = (id * 10) + k,
                Content = s_notes[(int)((id + k) % s_notes.Length)],
                PostedAt = endedAt.AddSeconds(60 * (k + 1)),
                PostedBy = f.UserIndex >= 0 ? Catalog.User(f.UserIndex) : null,
            });
        }

        if (overlay is not null)
        {
            comments.AddRange(overlay.Comments);
        }

        return comments;
    }

    private static List<Tag> BuildTags(CallFacets f, DateTimeOffset endedAt, CallOverlay? overlay, bool webhookShape)
    {
        var tags = new List<Tag>();
        for (var i = 0; i < Catalog.TagNames.Length; i++)
        {
            if ((f.TagMask & (1 << i)) == 0)
            {
                continue;
            }

            var at = overlay is not null && overlay.TaggedAt.TryGetValue(i, out var t) ? t : endedAt.AddSeconds(45);
            var viaApi = overlay?.TaggedAt.ContainsKey(i) == true;
            tags.Add(new Tag
            {
                Id = Catalog.TagId(i),
                Name = Catalog.TagNames[i].Name,
                CreatedAt = webhookShape ? null : at,
                TaggedAt = webhookShape ? at : null,
                // System tags and tags applied through the API carry an empty tagged_by object.
                TaggedBy = i == Catalog.SystemTagIndex || viaApi || f.UserIndex < 0 ? new User() : Catalog.User(f.UserIndex),
            });
        }

        return tags;
    }
}
