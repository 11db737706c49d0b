using System.Net;

using Backscatter.Domain.Tenancy;
using Backscatter.Web.Accounts;
using Backscatter.Web.Tests.Isolation;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Web.Tests.Accounts;

/// <summary>Sign-up makes a tenant, its owner and its ingest address, or nothing; logging in needs a confirmed address and stops after five wrong passwords.</summary>
public sealed class Signing_up_and_logging_in(TwoTenants portal) : IClassFixture<TwoTenants>
{
    private async Task<(IdentityResult Result, PortalUser? Owner)> SignUpAsync(string organisation, string email, string password)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TenantSignUp>().SignUpAsync(organisation, email, password);
    }

    [Fact]
    public async Task Should_create_the_tenant_its_owner_and_an_unguessable_ingest_address()
    {
        var (result, owner) = await SignUpAsync("Charlie GmbH", "owner@charlie.example", TwoTenants.Password);

        Assert.True(result.Succeeded);
        await using var db = portal.Database.CreateContext();
        var tenant = await db.Tenants.Include(t => t.IngestAddresses).SingleAsync(t => t.Id == owner!.TenantId);
        Assert.Equal("Charlie GmbH", tenant.Name);
        Assert.Matches(@"^[a-km-np-z2-9]{16}@in\.backscatter\.test$", Assert.Single(tenant.IngestAddresses).Address);
        var user = await db.Users.SingleAsync(u => u.Email == "owner@charlie.example");
        Assert.Equal(tenant.Id, user.TenantId);
        Assert.False(user.EmailConfirmed);
        Assert.True(await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == TenantRoles.IdOf(TenantRoles.Owner)));
    }

    [Fact]
    public async Task Should_create_nothing_when_the_password_is_refused()
    {
        var (result, owner) = await SignUpAsync("Delta Ltd", "owner@delta.example", "short");

        Assert.False(result.Succeeded);
        Assert.Null(owner);
        await using var db = portal.Database.CreateContext();
        Assert.False(await db.Tenants.AnyAsync(t => t.Name == "Delta Ltd"));
    }

    [Fact]
    public async Task Should_refuse_a_second_account_for_the_same_email()
    {
        var (result, _) = await SignUpAsync("Alpha again", portal.Alpha.Email, TwoTenants.Password);

        Assert.False(result.Succeeded);
        await using var db = portal.Database.CreateContext();
        Assert.False(await db.Tenants.AnyAsync(t => t.Name == "Alpha again"));
    }

    [Fact]
    public async Task Should_not_log_in_before_the_email_is_confirmed()
    {
        await SignUpAsync("Echo Inc", "owner@echo.example", TwoTenants.Password);
        using var client = portal.Anonymous();

        using var response = await TwoTenants.PostLoginAsync(client, "owner@echo.example", TwoTenants.Password);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Invalid login attempt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_lock_the_account_after_five_wrong_passwords()
    {
        using var client = portal.Anonymous();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await TwoTenants.PostLoginAsync(client, portal.Bravo.Email, "not the password at all");
            Assert.NotEqual(HttpStatusCode.Redirect, wrong.StatusCode);
        }

        using var fifth = await TwoTenants.PostLoginAsync(client, portal.Bravo.Email, "not the password at all");

        using var right = await TwoTenants.PostLoginAsync(client, portal.Bravo.Email, TwoTenants.Password);

        Assert.EndsWith("Account/Lockout", fifth.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.EndsWith("Account/Lockout", right.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}
