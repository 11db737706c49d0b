using System.Text.RegularExpressions;

using Backscatter.Domain.Tenancy;
using Backscatter.Web.Accounts;
using Backscatter.Web.Tests.Isolation;

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

using MimeKit;

namespace Backscatter.Web.Tests.Team;

/// <summary>What a team specification does through the portal: make tenants and members, log in, post the team forms, read the mail.</summary>
public static partial class Teams
{
    public static async Task<NewTenant> AddTenantAsync(this TwoTenants portal)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var id = Guid.CreateVersion7();
        var name = $"Team {id:N}";
        await using (var db = portal.Database.CreateContext())
        {
            db.Tenants.Add(new Tenant { Id = id, Name = name, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var email = UniqueEmail("owner");
        var ownerId = await portal.AddMemberAsync(id, email, TenantRoles.Owner);
        return new NewTenant(id, name, ownerId, email);
    }

    public static string UniqueEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    /// <summary>A member with a confirmed email and <see cref="TwoTenants.Password"/>.</summary>
    public static async Task<Guid> AddMemberAsync(this TwoTenants portal, Guid tenantId, string email, string role)
    {
        ArgumentNullException.ThrowIfNull(portal);
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var member = new PortalUser { TenantId = tenantId, UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(member, TwoTenants.Password);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(member, role);
        }

        return created.Succeeded ? member.Id : throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
    }

    public static async Task<HttpClient> LogInAsync(this TwoTenants portal, string email)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var client = portal.Anonymous();
        using var response = await TwoTenants.PostLoginAsync(client, email, TwoTenants.Password);
        return response.StatusCode == System.Net.HttpStatusCode.Redirect
            ? client
            : throw new InvalidOperationException($"Logging in as {email} answered {(int)response.StatusCode}, not a redirect.");
    }

    /// <summary>Posts a form as the portal's pages do: with the antiforgery token of a page the client just loaded.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string action, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(new Uri("team", UriKind.Relative));
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", TwoTenants.AntiforgeryTokenOf(page)));
        using var body = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(action, UriKind.Relative), body);
    }

    public static async Task<HttpResponseMessage> InviteAsync(this HttpClient client, string email, string role) =>
        await client.PostFormAsync("team/invitations", ("email", email), ("role", role));

    /// <summary>The invitation mail to <paramref name="email"/> in the portal's pickup folder, or null.</summary>
    public static async Task<MimeMessage?> MailToAsync(this TwoTenants portal, string email)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var folder = portal.Services.GetRequiredService<AccountMailer>().PickupDirectory!;
        if (!Directory.Exists(folder))
        {
            return null;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.eml"))
        {
            var message = await MimeMessage.LoadAsync(path);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase)))
            {
                return message;
            }

            message.Dispose();
        }

        return null;
    }

    /// <summary>The path and query of the invitation link in a mail's text part.</summary>
    public static string AcceptLinkIn(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = AcceptLink().Match(message.TextBody ?? "");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("The mail has no invitation link.");
    }

    /// <summary>Opens the invitation page and posts its password form, as the invitee's browser does.</summary>
    public static async Task<HttpResponseMessage> AcceptAsync(this HttpClient client, string link, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(new Uri(link, UriKind.Relative));
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "accept-invitation",
            ["__RequestVerificationToken"] = TwoTenants.AntiforgeryTokenOf(page),
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        return await client.PostAsync(new Uri(link, UriKind.Relative), body);
    }

    /// <summary>A pending invitation written straight to the database, with a token the test knows.</summary>
    public static async Task<string> AddInvitationAsync(this TwoTenants portal, NewTenant tenant, string email, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(portal);
        ArgumentNullException.ThrowIfNull(tenant);
        var token = InvitationToken.New();
        await using var db = portal.Database.CreateContext();
        db.Invitations.Add(new Invitation
        {
            TenantId = tenant.Id,
            Email = email,
            Role = TenantRoles.Viewer,
            TokenHash = InvitationToken.Hash(token),
            CreatedAt = createdAt,
            ExpiresAt = expiresAt,
            InvitedById = tenant.OwnerId,
            InvitedBy = tenant.OwnerEmail,
        });
        await db.SaveChangesAsync();
        return token;
    }

    [GeneratedRegex(@"https?://[^/\s]+(/Account/AcceptInvitation\?token=[A-Za-z0-9_\-]+)")]
    private static partial Regex AcceptLink();
}
