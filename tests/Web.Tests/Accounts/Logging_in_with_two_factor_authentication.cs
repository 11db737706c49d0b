using System.Net;

using Backscatter.Domain.Tenancy;
using Backscatter.Web.Tests.Isolation;

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Web.Tests.Accounts;

/// <summary>With an authenticator app enabled, the password alone does not sign in: the current TOTP code does.</summary>
public sealed class Logging_in_with_two_factor_authentication(TwoTenants portal) : IClassFixture<TwoTenants>
{
    private const string Email = "careful@alpha.example";

    private async Task<string> MemberWithAuthenticatorAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(Email);
        if (user is null)
        {
            user = new PortalUser { TenantId = portal.Alpha.TenantId, UserName = Email, Email = Email, EmailConfirmed = true };
            await users.CreateAsync(user, TwoTenants.Password);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private static async Task<HttpResponseMessage> PostCodeAsync(HttpClient client, Uri form, string code)
    {
        var page = await client.GetStringAsync(form);
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login-with-2fa",
            ["__RequestVerificationToken"] = TwoTenants.AntiforgeryTokenOf(page),
            ["Input.TwoFactorCode"] = code,
        });
        return await client.PostAsync(form, body);
    }

    [Fact]
    public async Task Should_ask_for_the_code_and_sign_in_with_the_current_one()
    {
        var key = await MemberWithAuthenticatorAsync();
        using var client = portal.Anonymous();

        using var password = await TwoTenants.PostLoginAsync(client, Email, TwoTenants.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var form = password.Headers.Location!;
        Assert.Contains("Account/LoginWith2fa", form.ToString(), StringComparison.Ordinal);
        using var before = await client.GetAsync(new Uri("overview", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);

        using var code = await PostCodeAsync(client, form, Totp.Code(key, DateTimeOffset.UtcNow));
        using var after = await client.GetAsync(new Uri("overview", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Should_refuse_a_wrong_code()
    {
        var key = await MemberWithAuthenticatorAsync();
        var wrong = Totp.Code(key, DateTimeOffset.UtcNow.AddHours(-1));
        using var client = portal.Anonymous();
        using var password = await TwoTenants.PostLoginAsync(client, Email, TwoTenants.Password);

        using var code = await PostCodeAsync(client, password.Headers.Location!, wrong);
        using var after = await client.GetAsync(new Uri("overview", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Contains("Invalid authenticator code", await code.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }
}
