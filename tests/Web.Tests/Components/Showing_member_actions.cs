using Backscatter.Domain.Tenancy;
using Backscatter.Web.Components.Pages.Team;
using Backscatter.Web.Team;

using Bunit;

using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Web.Tests.Components;

/// <summary>The controls beside a member: only owners get them, never for their own role, never to lose the last owner.</summary>
public sealed class Showing_member_actions : ComponentSpecification
{
    private static readonly TeamMember Owner = new(Guid.CreateVersion7(), "owner@example.com", TenantRoles.Owner, true, DateTimeOffset.UnixEpoch);
    private static readonly TeamMember Admin = new(Guid.CreateVersion7(), "admin@example.com", TenantRoles.Admin, false, DateTimeOffset.UnixEpoch);

    public Showing_member_actions() =>
        Context.Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());

    [Fact]
    public void Should_offer_an_owner_a_role_change_and_removal_of_another_member()
    {
        var actions = Render(Admin, new TeamView([Owner, Admin], [], Owner.Id));

        Assert.Equal($"team/members/{Admin.Id}/role", actions.Find("form:has([data-action=change-role])").GetAttribute("action"));
        Assert.Equal($"team/members/{Admin.Id}/remove", actions.Find("form:has([data-action=remove])").GetAttribute("action"));
        Assert.True(actions.Find("option[value=admin]").HasAttribute("selected"));
        Assert.All(actions.FindAll("form"), f => Assert.Single(f.QuerySelectorAll("input[name=__RequestVerificationToken]")));
    }

    [Fact]
    public void Should_offer_no_role_change_of_ones_own()
    {
        var secondOwner = Owner with { Id = Guid.CreateVersion7(), Email = "second@example.com" };

        var actions = Render(Owner, new TeamView([Owner, secondOwner], [], Owner.Id));

        Assert.Empty(actions.FindAll("[data-action=change-role]"));
        Assert.Single(actions.FindAll("[data-action=leave]"));
        Assert.Contains("(you)", actions.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_not_offer_removing_the_last_owner_or_leaving_them_without_one()
    {
        var actions = Render(Owner, new TeamView([Owner, Admin], [], Owner.Id));

        Assert.Empty(actions.FindAll("form"));
    }

    [Theory]
    [InlineData(TenantRoles.Admin)]
    [InlineData(TenantRoles.Viewer)]
    public void Should_show_admins_and_viewers_the_role_alone(string readerRole)
    {
        var reader = new TeamMember(Guid.CreateVersion7(), "reader@example.com", readerRole, false, DateTimeOffset.UnixEpoch);

        var actions = Render(Admin, new TeamView([Owner, Admin, reader], [], reader.Id));

        Assert.Empty(actions.FindAll("form"));
        Assert.Equal(TenantRoles.Admin, actions.Find("p").TextContent.Trim());
    }

    private IRenderedComponent<MemberActions> Render(TeamMember member, TeamView view) =>
        Context.Render<MemberActions>(p => p.Add(c => c.Member, member).Add(c => c.View, view));

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
