using Backscatter.Domain.Tenancy;
using Backscatter.Web.Accounts;
using Backscatter.Web.Tenancy;

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Backscatter.Web.Team;

/// <summary>
/// The team page's forms post here: owners only (others are sent to access denied), antiforgery
/// checked on every post, another tenant's member or invitation answered 404. Each answer sends the
/// browser back to the team page with a code that the page turns into a sentence.
/// </summary>
public static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var team = endpoints.MapGroup("/team")
            .RequireAuthorization(PortalPolicies.ManageTeam)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            // Form binding enforces the token; posts without form fields (revoke, remove) are checked here.
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true }
                    ? await next(context)
                    : TypedResults.BadRequest());
        team.MapPost("/invitations", InviteAsync);
        team.MapPost("/invitations/{id:guid}/revoke", RevokeAsync);
        team.MapPost("/members/{id:guid}/role", ChangeRoleAsync);
        team.MapPost("/members/{id:guid}/remove", RemoveAsync);
        return endpoints;
    }

    private static async Task<Results<RedirectHttpResult, NotFound, StatusCodeHttpResult>> InviteAsync(
        [FromForm] string? email, [FromForm] string? role, HttpContext context, TeamRoster roster, AccountMailer mailer, CancellationToken ct)
    {
        var invited = await roster.InviteAsync(context.User, email, role, ct);
        if (invited is { Refusal: null, Invitation: { } invitation, Token: { } token })
        {
            var request = context.Request;
            var link = $"{request.Scheme}://{request.Host}{request.PathBase}/Account/AcceptInvitation?token={token}";
            await mailer.SendInvitationAsync(invitation, invited.Organisation ?? "", link);
        }

        return Answer(invited.Refusal, "invited");
    }

    private static async Task<Results<RedirectHttpResult, NotFound, StatusCodeHttpResult>> RevokeAsync(
        Guid id, HttpContext context, TeamRoster roster, CancellationToken ct) =>
        Answer(await roster.RevokeAsync(context.User, id, ct), "revoked");

    private static async Task<Results<RedirectHttpResult, NotFound, StatusCodeHttpResult>> ChangeRoleAsync(
        Guid id, [FromForm] string? role, HttpContext context, TeamRoster roster, CancellationToken ct) =>
        Answer(await roster.ChangeRoleAsync(context.User, id, role, ct), "role-changed");

    private static async Task<Results<RedirectHttpResult, NotFound, StatusCodeHttpResult>> RemoveAsync(
        Guid id, HttpContext context, TeamRoster roster, CancellationToken ct) =>
        Answer(await roster.RemoveAsync(context.User, id, ct), "removed");

    private static Results<RedirectHttpResult, NotFound, StatusCodeHttpResult> Answer(TeamRefusal? refusal, string done) => refusal switch
    {
        null => TypedResults.LocalRedirect($"~/team?done={done}"),
        TeamRefusal.NotFound => TypedResults.NotFound(),
        TeamRefusal.NotAnOwner => TypedResults.StatusCode(StatusCodes.Status403Forbidden),
        { } other => TypedResults.LocalRedirect($"~/team?refused={TeamNotices.CodeOf(other)}"),
    };
}
