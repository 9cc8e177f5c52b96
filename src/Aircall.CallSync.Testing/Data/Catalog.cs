using System.Globalization;
using Aircall.CallSync.Models;

namespace Aircall.CallSync.Testing.Data;

/// <summary>The fixed users, numbers, teams and tags every simulated account uses, shaped like Aircall's objects.</summary>
internal static class Catalog
{
    public const string ApiOrigin = "https://api.aircall.io";

    private static readonly DateTimeOffset s_created = new(2020, 1, 2, 11, 41, 1, TimeSpan.Zero);

    public static readonly string[] UserNames =
    [
        "Ada Lovelace", "Grace Hopper", "Alan Turing", "Katherine Johnson",
        "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth", "Margaret Hamilton",
    ];

    public static readonly (string Name, string Color)[] TagNames =
    [
        ("Sales", "#00B388"), ("Support", "#FFB800"), ("Callback Request", "#D0021B"),
        ("VIP", "#4A90E2"), ("Follow-up", "#9013FE"), ("Churn risk", "#F5A623"),
    ];

    /// <summary>The index of the system tag applied with <c>tagged_by: {}</c>.</summary>
    public const int SystemTagIndex = 2;

    public static readonly (string Name, string Digits, string Country, string TimeZone, bool Recording)[] Numbers =
    [
        ("UK Support", "+44 330 818 6690", "GB", "Europe/London", true),
        ("French Office", "+33 1 76 36 06 95", "FR", "Europe/Paris", true),
        ("US Sales", "+1 800-123-4567", "US", "America/New_York", false),
    ];

    public static readonly string[] TeamNames = ["Support Tier 1", "Sales EMEA", "Customer Success"];

    public static readonly MissedCallReason[] MissedReasons =
    [
        MissedCallReason.OutOfOpeningHours, MissedCallReason.ShortAbandoned, MissedCallReason.AbandonedInIvr,
        MissedCallReason.AbandonedInClassic, MissedCallReason.NoAvailableAgent, MissedCallReason.AgentsDidNotAnswer,
    ];

    public const int PhoneCount = 600;

    public static long UserId(int index) => 1001 + index;

    public static long TagId(int index) => 101 + index;

    public static long NumberId(int index) => 2001 + index;

    public static long TeamId(int index) => 3001 + index;

    /// <summary>The catalogue index of a tag id, or -1.</summary>
    public static int TagIndex(long tagId) => tagId >= 101 && tagId < 101 + TagNames.Length ? (int)(tagId - 101) : -1;

    public static User User(int index) => new()
    {
        Id = UserId(index),
        DirectLink = string.Create(CultureInfo.InvariantCulture, $"{ApiOrigin}/v1/users/{UserId(index)}"),
        Name = UserNames[index],
        Email = UserNames[index].Replace(' ', '.').ToLowerInvariant() + "@example.com",
        Available = index % 3 != 0,
        AvailabilityStatus = index % 3 != 0 ? "available" : "unavailable",
        CreatedAt = s_created.AddDays(index),
        TimeZone = index % 2 == 0 ? "Europe/Paris" : "America/New_York",
        Language = "en-US",
        WrapUpTime = 0,
    };

    public static Number Number(int index)
    {
        var (name, digits, country, timeZone, recording) = Numbers[index];
        return new Number
        {
            Id = NumberId(index),
            DirectLink = string.Create(CultureInfo.InvariantCulture, $"{ApiOrigin}/v1/numbers/{NumberId(index)}"),
            Name = name,
            Digits = digits,
            CreatedAt = s_created,
            Country = country,
            TimeZone = timeZone,
            Open = true,
            AvailabilityStatus = "open",
            IsIvr = index == 1,
            LiveRecordingActivated = recording,
        };
    }

    public static Team Team(int index) => new()
    {
        Id = TeamId(index),
        DirectLink = string.Create(CultureInfo.InvariantCulture, $"{ApiOrigin}/v1/teams/{TeamId(index)}"),
        Name = TeamNames[index],
        CreatedAt = s_created,
    };

    /// <summary>A display-formatted external number (spaces and dashes, not E.164), as in <c>raw_digits</c>.</summary>
    public static string Phone(int index)
    {
        var n = index / 4;
        return (index % 4) switch
        {
            0 => string.Create(CultureInfo.InvariantCulture, $"+44 330 818 {6000 + n:D4}"),
            1 => string.Create(CultureInfo.InvariantCulture, $"+33 1 76 36 {n / 100 % 100:D2} {n % 100:D2}"),
            2 => string.Create(CultureInfo.InvariantCulture, $"+1 800-555-{n:D4}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"+49 30 9018 {n:D4}"),
        };
    }

    /// <summary>Digits and a leading plus only, for comparing numbers however they are formatted.</summary>
    public static string Normalize(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return string.Empty;
        }

        Span<char> buffer = stackalloc char[phone.Length];
        var length = 0;
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c) || (c == '+' && length == 0))
            {
                buffer[length++] = c;
            }
        }

        return new string(buffer[..length]);
    }
}
