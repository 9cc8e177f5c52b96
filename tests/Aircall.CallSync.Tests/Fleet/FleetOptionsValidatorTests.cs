using Aircall.CallSync.Quartz;

namespace Aircall.CallSync.Tests.Fleet;

/// <summary>Each wrong fleet setting is refused at start-up, by name, with what it must be.</summary>
public sealed class FleetOptionsValidatorTests
{
    private const string ConnectionString = "Host=127.0.0.1;Database=x;Username=u;Password=p";

    public static TheoryData<string, Action<AircallFleetOptions>, string> BadSettings => new()
    {
        { "no connection string", o => o.ConnectionString = null, "set AircallFleetOptions.ConnectionString" },
        { "a blank connection string", o => o.ConnectionString = "  ", "set AircallFleetOptions.ConnectionString" },
        { "Interval 0", o => o.Interval = TimeSpan.Zero, "AircallFleetOptions.Interval must be longer than zero (it is 00:00:00)" },
        { "SliceDuration negative", o => o.SliceDuration = TimeSpan.FromSeconds(-1), "AircallFleetOptions.SliceDuration must be longer than zero (it is -00:00:01)" },
        { "InitialBackoff 0", o => o.InitialBackoff = TimeSpan.Zero, "AircallFleetOptions.InitialBackoff must be longer than zero" },
        { "ReconcileInterval 0", o => o.ReconcileInterval = TimeSpan.Zero, "AircallFleetOptions.ReconcileInterval must be longer than zero" },
        { "CheckinInterval 0", o => o.CheckinInterval = TimeSpan.Zero, "AircallFleetOptions.CheckinInterval must be longer than zero" },
        { "CheckinMisfireThreshold 0", o => o.CheckinMisfireThreshold = TimeSpan.Zero, "AircallFleetOptions.CheckinMisfireThreshold must be longer than zero" },
        { "LockCheckInterval 0", o => o.LockCheckInterval = TimeSpan.Zero, "AircallFleetOptions.LockCheckInterval must be longer than zero" },
        { "ContinueDelay negative", o => o.ContinueDelay = TimeSpan.FromMilliseconds(-1), "AircallFleetOptions.ContinueDelay must not be negative (it is -00:00:00.0010000)" },
        { "MaxBackoff below InitialBackoff", o => o.MaxBackoff = TimeSpan.FromSeconds(10), "AircallFleetOptions.MaxBackoff (00:00:10) must be at least InitialBackoff (00:00:30)" },
        { "SliceRequests 0", o => o.SliceRequests = 0, "AircallFleetOptions.SliceRequests must be at least 1 (it is 0)" },
        { "MaxConcurrentSlices 0", o => o.MaxConcurrentSlices = 0, "AircallFleetOptions.MaxConcurrentSlices must be at least 1 (it is 0)" },
        { "SliceDuration without a time budget", o => o.SliceDuration = TimeSpan.MaxValue, "AircallFleetOptions.SliceDuration must be at most 24 days" },
        { "SliceDuration past a timer's reach", o => o.SliceDuration = TimeSpan.FromDays(25), "AircallFleetOptions.SliceDuration must be at most 24 days (it is 25.00:00:00)" },
        { "LockCheckInterval past a timer's reach", o => o.LockCheckInterval = TimeSpan.FromDays(60), "AircallFleetOptions.LockCheckInterval must be at most 24 days" },
        { "SchedulerName empty", o => o.SchedulerName = "", "AircallFleetOptions.SchedulerName must not be empty" },
        { "TablePrefix blank", o => o.TablePrefix = " ", "AircallFleetOptions.TablePrefix must not be empty" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Each_bad_setting_is_named_in_the_failure(string because, Action<AircallFleetOptions> spoil, string expected)
    {
        var options = Valid();
        spoil(options);

        var result = new AircallFleetOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue(because);
        result.Failures.Should().ContainSingle(because).Which.Should().Contain(expected);
    }

    [Fact]
    public void The_defaults_with_a_connection_string_pass()
    {
        new AircallFleetOptionsValidator().Validate(null, Valid()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void The_longest_slice_can_be_timed_twice_over()
    {
        var options = Valid();
        options.SliceDuration = AircallFleetOptionsValidator.LongestTimer;
        options.LockCheckInterval = AircallFleetOptionsValidator.LongestTimer;

        new AircallFleetOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
        var hardCap = () => new CancellationTokenSource(options.SliceDuration * 2, TimeProvider.System).Dispose();
        hardCap.Should().NotThrow("the slice's hard cap is a timer of twice its duration");
    }

    [Fact]
    public void A_continue_delay_of_zero_is_allowed()
    {
        var options = Valid();
        options.ContinueDelay = TimeSpan.Zero;

        new AircallFleetOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue("run again as soon as a slot frees");
    }

    [Theory]
    [InlineData("this is not a connection string")]
    [InlineData("Host=127.0.0.1;Database=x;Trusted_Connection=True;Initial Catalog=x;Encrypt=Optional")]
    [InlineData("Data Source=calls.db;Mode=ReadWriteCreate")]
    public void A_connection_string_that_is_not_Npgsqls_fails(string connectionString)
    {
        var options = Valid();
        options.ConnectionString = connectionString;

        var result = new AircallFleetOptionsValidator().Validate(null, options);

        result.Failures.Should().ContainSingle().Which.Should().Be("AircallFleetOptions.ConnectionString is not a PostgreSQL (Npgsql) connection string.");
        result.FailureMessage.Should().NotContain("calls.db").And.NotContain("Trusted_Connection", "the connection string is never repeated");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = new AircallFleetOptions { SliceRequests = 0, MaxConcurrentSlices = -2, Interval = TimeSpan.Zero };

        var failures = new AircallFleetOptionsValidator().Validate(null, options).Failures;

        failures.Should().HaveCount(4);
        failures.Should().Contain(f => f.Contains("ConnectionString", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("SliceRequests", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("MaxConcurrentSlices", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("Interval", StringComparison.Ordinal));
    }

    private static AircallFleetOptions Valid() => new() { ConnectionString = ConnectionString };
}
