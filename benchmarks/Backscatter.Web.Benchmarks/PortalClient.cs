using System.Net;
using System.Text.RegularExpressions;

namespace Backscatter.Web.Benchmarks;

/// <summary>
/// The portal as a browser without JavaScript uses it: static forms with their antiforgery token,
/// the confirmation link from the account mail pickup folder, the cookie it signs in with.
/// </summary>
internal static partial class PortalClient
{
    public static HttpClient Create(Uri baseUrl) => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Signs up through the real sign-up form and confirms the address with the mailed link.</summary>
    public static async Task<int> SignUpAsync(Uri baseUrl, string pickupDirectory, string organisation, string email, string password)
    {
        using var client = Create(baseUrl);
        var form = await client.GetStringAsync(new Uri("Account/Register", UriKind.Relative));
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = AntiforgeryTokenOf(form),
            ["Input.Organisation"] = organisation,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        using var registered = await client.PostAsync(new Uri("Account/Register", UriKind.Relative), body);
        if (registered.StatusCode != HttpStatusCode.Redirect)
        {
            await Console.Error.WriteLineAsync($"sign-up answered {(int)registered.StatusCode}, not a redirect");
            return 1;
        }

        var link = await ConfirmationLinkAsync(pickupDirectory, email);
        using var confirmed = await client.GetAsync(new Uri(link));
        var page = await confirmed.Content.ReadAsStringAsync();
        if (!page.Contains("Thank you for confirming your email.", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"confirming {email} answered {(int)confirmed.StatusCode} without the confirmation");
            return 1;
        }

        return 0;
    }

    /// <summary>A client signed in through the login form.</summary>
    public static async Task<HttpClient> LogInAsync(Uri baseUrl, string email, string password)
    {
        var client = Create(baseUrl);
        var form = await client.GetStringAsync(new Uri("Account/Login", UriKind.Relative));
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryTokenOf(form),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        using var response = await client.PostAsync(new Uri("Account/Login", UriKind.Relative), body);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"Logging in as {email} answered {(int)response.StatusCode}, not a redirect.");
        }

        return client;
    }

    private static string AntiforgeryTokenOf(string page) => WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);

    // The mailer writes the message after the sign-up request answers; wait a little for it.
    private static async Task<string> ConfirmationLinkAsync(string pickupDirectory, string email)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            foreach (var file in Directory.Exists(pickupDirectory) ? Directory.GetFiles(pickupDirectory, "*.eml") : [])
            {
                var text = (await File.ReadAllTextAsync(file)).Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal);
                if (text.Contains(email, StringComparison.OrdinalIgnoreCase) && LinkPattern().Match(text) is { Success: true } link)
                {
                    return WebUtility.HtmlDecode(link.Value.Replace("=3D", "=", StringComparison.Ordinal));
                }
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"No confirmation mail for {email} in {pickupDirectory}.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"https?://[^\s""<>]+/Account/ConfirmEmail\?[^\s""<>]+")]
    private static partial Regex LinkPattern();
}
