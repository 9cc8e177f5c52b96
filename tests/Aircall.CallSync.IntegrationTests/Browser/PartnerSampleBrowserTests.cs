using Aircall.CallSync.IntegrationTests.Samples;
using OpenQA.Selenium;

namespace Aircall.CallSync.IntegrationTests.Browser;

/// <summary>
/// samples/Aircall.CallSync.Samples.Partner run as a process, as a person uses it: its pages opened in a real headless
/// Chromium (<see cref="HeadlessChromium"/>).
/// </summary>
[Collection(SampleProcesses.Name)]
public sealed class PartnerSampleBrowserTests : IDisposable
{
    private const string Sample = "Aircall.CallSync.Samples.Partner";
    private readonly SampleDatabase _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_accounts_page_opens_in_Chromium_and_says_that_no_account_is_installed_yet()
    {
        var address = WebhookSampleTests.FreeLoopbackAddress();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Calls"] = _directory.ConnectionString,
            ["Aircall__OAuth__ClientId"] = "browser-test-client",
        };
        await using var sample = SampleProcess.Start(Sample, _directory.Directory, environment, "--urls", address.ToString());
        await sample.WaitForLineAsync(line => line.StartsWith("Accounts page:", StringComparison.Ordinal));
        using var browser = HeadlessChromium.Start();

        browser.Open(address);

        browser.Status.Should().Be(200, sample.Output);
        browser.Driver.Title.Should().Be("Aircall accounts · Aircall.CallSync partner sample");
        browser.Driver.FindElement(By.TagName("html")).GetAttribute("lang").Should().Be("en");
        browser.Driver.FindElement(By.TagName("h1")).Text.Should().Be("Aircall accounts");
        browser.Driver.FindElement(By.Id("summary")).Text.Should().StartWith("0 accounts installed, 0 active; 0 calls stored.");
        browser.Driver.FindElement(By.Id("no-accounts")).Text.Should().Contain("No account has installed the app yet");
        browser.Driver.FindElements(By.CssSelector("script, link[rel=stylesheet], img")).Should().BeEmpty("the page loads no external asset and runs no script");
    }
}
