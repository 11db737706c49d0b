using System.Net;
using System.Text;
using System.Text.RegularExpressions;

using Backscatter.Testing;
using Backscatter.Web.Tests.Hosting;

using MailKit.Net.Smtp;
using MailKit.Security;

using Microsoft.Playwright;

using MimeKit;

namespace Backscatter.Web.Tests.Browser;

/// <summary>
/// A new customer in a real browser: signs up, confirms the email from the pickup folder, logs in,
/// reads the ingest address off the onboarding page, forwards a real bounce to it over SMTP and
/// watches it arrive classified on the overview without reloading, then opens it.
/// </summary>
public sealed partial class Signing_up_and_seeing_the_first_bounce(RunningPortal portal) : IClassFixture<RunningPortal>
{
    // Waiting limits for a loaded shared machine; they bound the wait, they measure nothing.
    private const float PageWait = 30_000;
    private const float PipelineWait = 90_000;

    private const string Email = "owner@customer.example";
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Should_show_the_forwarded_bounce_classified_on_the_overview_and_in_its_detail()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(PageWait);
        try
        {
            await WalkThroughAsync(context, page);
        }
        catch
        {
            // What the browser showed when it went wrong, beside the other screenshots.
            await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("failure"), FullPage = true });
            throw;
        }
    }

    private async Task WalkThroughAsync(IBrowserContext context, IPage page)
    {

        // Sign up.
        await page.GotoAsync("Account/Register");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("01-sign-up"), FullPage = true });
        await page.Locator("[id='Input.Organisation']").FillAsync("Customer Ltd");
        await page.Locator("[id='Input.Email']").FillAsync(Email);
        await page.Locator("[id='Input.Password']").FillAsync(Password);
        await page.Locator("[id='Input.ConfirmPassword']").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("Account/RegisterConfirmation"));

        // Confirm the address with the link from the pickup folder.
        await page.GotoAsync(ConfirmationLink());
        await Assertions.Expect(page.GetByText("Thank you for confirming your email.")).ToBeVisibleAsync();

        // Log in.
        await page.GotoAsync("Account/Login");
        await page.Locator("[id='Input.Email']").FillAsync(Email);
        await page.Locator("[id='Input.Password']").FillAsync(Password);
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("02-log-in"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();

        // The onboarding page names the ingest address.
        await page.GotoAsync("onboarding");
        var address = (await page.GetByTestId("ingest-address").InnerTextAsync()).Trim();
        Assert.Matches(@"^[a-z2-9]{16}@in\.backscatter\.test$", address);
        await Assertions.Expect(page.GetByTestId("onboarding-waiting")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("03-onboarding"), FullPage = true });

        // The overview, live, before anything arrived.
        await page.GotoAsync("overview");
        await Assertions.Expect(page.GetByTestId("live-updates")).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByText("No reports yet")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("04-overview-empty"), FullPage = true });
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        await ForwardCorpusBounceAsync(address);

        // It appears without a reload.
        var row = page.GetByTestId("report-row").First;
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = PipelineWait });
        await Assertions.Expect(row).ToContainTextAsync("Delivery status notification", new() { Timeout = PipelineWait });
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        await Assertions.Expect(page.GetByTestId("count-total")).ToHaveTextAsync("1");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("05-overview-live"), FullPage = true });

        // Its detail.
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/reports/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByTestId("report-kind")).ToHaveTextAsync("Delivery status notification");
        await Assertions.Expect(page.GetByTestId("evidence")).ToBeVisibleAsync();
        Assert.True(await page.GetByTestId("hop").CountAsync() > 0);
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("06-report-detail"), FullPage = true });

        // The raw message downloads for its own tenant.
        var rawUrl = await page.GetByTestId("download-raw").GetAttributeAsync("href");
        var raw = await context.APIRequest.GetAsync(rawUrl!);
        Assert.Equal(200, raw.Status);
        Assert.Contains("lhost-postfix-04", await raw.TextAsync(), StringComparison.Ordinal);

        await page.GotoAsync("reports");
        await Assertions.Expect(page.GetByTestId("report-row")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("07-reports"), FullPage = true });

        // Onboarding is green now; its test bounce goes through the same pipeline.
        await page.GotoAsync("onboarding");
        await Assertions.Expect(page.GetByTestId("onboarding-connected")).ToContainTextAsync("1 report received");
        await Assertions.Expect(page.GetByTestId("live-updates")).ToBeAttachedAsync();
        await page.GetByTestId("send-test-bounce").ClickAsync();
        await Assertions.Expect(page.GetByTestId("onboarding-connected")).ToContainTextAsync("2 reports received", new() { Timeout = PipelineWait });
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("08-onboarding-connected"), FullPage = true });

        // The owner invites a colleague from the team page; the audit log says so.
        await page.GotoAsync("team");
        await page.Locator("#invite-email").FillAsync("colleague@customer.example");
        await page.Locator("#invite-role").SelectOptionAsync("admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("team-done")).ToContainTextAsync("Invitation sent");
        await Assertions.Expect(page.GetByTestId("team-invitations")).ToContainTextAsync("colleague@customer.example");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("10-team"), FullPage = true });
        await page.GotoAsync("audit");
        await Assertions.Expect(page.GetByTestId("audit-entries")).ToContainTextAsync("Invited colleague@customer.example as admin.");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("11-audit"), FullPage = true });

        // Setup: the first BATV key, its secret and signing configuration shown once.
        await page.GotoAsync("setup");
        await ClickWhenInteractiveAsync(page.GetByTestId("rotate-batv-key"), page.GetByTestId("batv-exim"));
        await Assertions.Expect(page.GetByTestId("batv-exim")).ToContainTextAsync("prvs");
        await Assertions.Expect(page.GetByTestId("batv-keys")).ToContainTextAsync("Signing");
        // Two columns: the SPF switch sits under the sending IPs, clear of the next row's cards.
        var spf = await page.GetByTestId("spf").BoundingBoxAsync();
        var sendingIps = await page.GetByTestId("sending-ips").BoundingBoxAsync();
        var verp = await page.GetByTestId("verp").BoundingBoxAsync();
        Assert.True(spf!.Y >= sendingIps!.Y + sendingIps.Height, $"the SPF switch (top {spf.Y}) overlaps the sending IPs card (bottom {sendingIps.Y + sendingIps.Height})");
        Assert.True(spf.Y + spf.Height <= verp!.Y, $"the SPF switch (bottom {spf.Y + spf.Height}) overlaps the VERP card (top {verp.Y})");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("12-setup"), FullPage = true });

        // Direct MX: an ingest domain, pending until the TXT record the page names proves it is theirs.
        var ingestDomain = page.GetByTestId("add-ingest-domain-form");
        await ingestDomain.Locator("input").FillAsync("Bounces.Customer.Example.");
        await ingestDomain.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("txt-name")).ToHaveTextAsync("_backscatter-verify.bounces.customer.example");
        await Assertions.Expect(page.GetByTestId("txt-value")).ToHaveTextAsync(new Regex("^backscatter-verify=[a-z2-7]{32}$"));
        await Assertions.Expect(page.GetByTestId("mx-host")).ToHaveTextAsync("in.backscatter.test");
        await Assertions.Expect(page.GetByTestId("ingest-domain-status")).ToHaveTextAsync("Pending verification");
        // Nobody published the record: whatever the machine's resolver answers, the domain stays pending and the page says why.
        await page.GetByTestId("check-ingest-domain").ClickAsync();
        await Assertions.Expect(page.GetByTestId("check-result")).ToContainTextAsync("Not verified: ");
        await Assertions.Expect(page.GetByTestId("ingest-domain-status")).ToHaveTextAsync("Pending verification");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("14-direct-mx"), FullPage = true });
        await page.GotoAsync("alerts");
        await Assertions.Expect(page.GetByTestId("add-channel")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("13-alerts"), FullPage = true });

        // Setup's Direct MX section, reached from the onboarding page's hint for those who would rather point an MX at us.
        await page.GotoAsync("onboarding");
        // Like a button, the link does nothing until the page's circuit is connected: click again while the page stays.
        for (var attempt = 1; !page.Url.EndsWith("/setup#direct-mx", StringComparison.Ordinal); attempt++)
        {
            if (page.Url.EndsWith("/onboarding", StringComparison.Ordinal))
            {
                await page.GetByTestId("direct-mx-hint").GetByRole(AriaRole.Link).ClickAsync();
            }

            try
            {
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("/setup#direct-mx$"), new() { Timeout = 3_000 });
            }
            catch (PlaywrightException) when (attempt < 10)
            {
            }
        }

        await Assertions.Expect(page.GetByTestId("ingest-domains")).ToBeInViewportAsync(new() { Timeout = 15_000 });

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("overview");
        await Assertions.Expect(page.GetByTestId("live-updates")).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByTestId("count-total")).ToHaveTextAsync("2");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("09-overview-phone"), FullPage = true });
    }

    /// <summary>
    /// Clicks until the click has an effect: before the page's circuit is connected the
    /// prerendered button does nothing.
    /// </summary>
    private static async Task ClickWhenInteractiveAsync(ILocator button, ILocator effect)
    {
        for (var attempt = 1; ; attempt++)
        {
            await button.ClickAsync();
            try
            {
                await Assertions.Expect(effect).ToBeVisibleAsync(new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 10)
            {
            }
        }
    }

    private string ConfirmationLink()
    {
        var mail = Directory.GetFiles(portal.PickupDirectory, "*.eml").Single();
        using var message = MimeMessage.Load(mail);
        Assert.Equal(Email, message.To.Mailboxes.Single().Address);
        return LinkPattern().Match(message.TextBody ?? "").Value;
    }

    private async Task ForwardCorpusBounceAsync(string address)
    {
        // A real Postfix bounce as the tenant's MX forwards it, marked so that the raw download can be recognised.
        var bounce = File.ReadAllText(SharedCorpus.PathOf("sisimai/maildir/bsd/lhost-postfix-04.eml"), Encoding.Latin1);
        var forwarded = "X-Corpus-File: lhost-postfix-04\r\n"
            + "Received: from mail.reflector.example (mail.reflector.example [81.2.69.160])\r\n"
            + "\tby mx1.customer.example (Postfix) with ESMTP id 4A1B2C; Thu, 26 Nov 2026 10:00:00 +0000\r\n"
            + bounce.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        using var stream = new MemoryStream(Encoding.Latin1.GetBytes(forwarded));
        using var message = await MimeMessage.LoadAsync(stream);
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(portal.Smtp.Address.ToString(), portal.Smtp.Port, SecureSocketOptions.None);
        await smtp.SendAsync(message, new MailboxAddress("", ""), [MailboxAddress.Parse(address)]);
        await smtp.DisconnectAsync(quit: true);
    }

    [GeneratedRegex(@"https?://\S+/Account/ConfirmEmail\?\S+")]
    private static partial Regex LinkPattern();
}
