using Aircall.CallSync.Quartz;

namespace Aircall.CallSync.Tests.Fleet;

/// <summary>
/// The advisory-lock key of an account: every worker of a fleet, of every version during a rolling deploy, must compute
/// the same key for an account, or two of them could run it at once; and different accounts, or fleets sharing a database,
/// must not share one.
/// </summary>
public sealed class AccountLockKeyTests
{
    [Fact]
    public void The_key_is_stable_across_calls_and_releases()
    {
        AccountLocks.KeyOf("aircall-fleet", "acct-001").Should().Be(AccountLocks.KeyOf("aircall-fleet", "acct-001"));

        // Pinned (SHA-256 of "aircall-fleet\nacct-001", first 8 bytes big-endian): changing the derivation would let an
        // old and a new worker hold "the" lock of one account at the same time during a deploy.
        AccountLocks.KeyOf("aircall-fleet", "acct-001").Should().Be(-387_978_961_512_121_552L);
        AccountLocks.KeyOf("aircall-fleet", "12345").Should().Be(6_648_664_912_681_627_813L);
    }

    [Fact]
    public void Accounts_get_different_keys()
    {
        var keys = Enumerable.Range(0, 10_000).Select(i => AccountLocks.KeyOf("aircall-fleet", $"acct-{i}")).ToList();

        keys.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void The_same_account_in_two_fleets_gets_different_keys()
    {
        AccountLocks.KeyOf("fleet-a", "acct-001").Should().NotBe(AccountLocks.KeyOf("fleet-b", "acct-001"));
        AccountLocks.KeyOf("aircall-fleet", "acct-001").Should().NotBe(AccountLocks.KeyOf("Aircall-fleet", "acct-001"), "names compare ordinally");
    }

    [Fact]
    public void The_name_and_the_account_do_not_run_into_each_other()
    {
        AccountLocks.KeyOf("fleet", "1acct").Should().NotBe(AccountLocks.KeyOf("fleet1", "acct"));
        AccountLocks.KeyOf("", "fleetacct").Should().NotBe(AccountLocks.KeyOf("fleet", "acct"));
    }
}
