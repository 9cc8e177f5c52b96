using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Aircall.CallSync.IntegrationTests.Browser;

/// <summary>
/// A real browser for tests that act as a person: Debian's Chromium (<c>/usr/bin/chromium</c>), headless, with a fresh
/// profile, driven through Selenium's WebDriver by Debian's <c>/usr/bin/chromedriver</c>, which is built from the same
/// source, so the two always match. The driver's path is given, so Selenium Manager never runs and nothing is downloaded.
/// Without them the test is skipped locally (with the command that installs them) and fails in CI.
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly ChromeDriverService _service;
    private readonly string _profile;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, string profile)
    {
        _service = service;
        Driver = driver;
        _profile = profile;
    }

    public ChromeDriver Driver { get; }

    /// <summary>The address of the page shown.</summary>
    public Uri Url => new(Driver.Url);

    /// <summary>The HTTP status of the page shown, as the browser received it (Navigation Timing's <c>responseStatus</c>).</summary>
    public int Status => Convert.ToInt32(Driver.ExecuteScript("return performance.getEntriesByType('navigation')[0].responseStatus;"), CultureInfo.InvariantCulture);

    /// <summary>The page's visible text.</summary>
    public string Text => Driver.FindElement(By.TagName("body")).Text;

    /// <summary>Starts the browser, or skips (locally) or fails (CI) the test when Chromium or its driver is missing.</summary>
    public static HeadlessChromium Start()
    {
        Require();
        var profile = Directory.CreateTempSubdirectory("aircall-chromium-").FullName;
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1024", "--user-data-dir=" + profile);
        try
        {
            var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
            driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
            return new HeadlessChromium(service, driver, profile);
        }
        catch
        {
            service.Dispose();
            TryDelete(profile);
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> as typed in the address bar, following redirects as the browser does.</summary>
    public void Open(Uri url) => Driver.Navigate().GoToUrl(url);

    /// <summary>Reloads the page (a person pressing F5).</summary>
    public void Reload() => Driver.Navigate().Refresh();

    /// <summary>Clicks the link with this visible text.</summary>
    public void ClickLink(string text) => Driver.FindElement(By.LinkText(text)).Click();

    public void Dispose()
    {
        try
        {
            Driver.Quit();
        }
        finally
        {
            Driver.Dispose();
            _service.Dispose();
            TryDelete(_profile);
        }
    }

    private static void Require()
    {
        if (File.Exists(BrowserPath) && File.Exists(DriverPath))
        {
            return;
        }

        var message = $"Chromium is not installed ({BrowserPath} and {DriverPath}): run `bash eng/test-chromium.sh` (as root it installs Debian's chromium and chromium-driver).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(message + " In CI the browser tests never skip: .ci/run's Chromium block installs them.");
        }

        Assert.Skip("SKIPPED, NOT PASSED: " + message);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // the browser may still hold a file for a moment; the temp folder is cleaned by the OS
        }
    }
}
