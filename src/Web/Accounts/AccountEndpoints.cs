using Backscatter.Domain.Tenancy;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Backscatter.Web.Accounts;

public static class AccountEndpoints
{
    /// <summary><c>POST /Account/Logout</c> (antiforgery-checked form post, as every form here).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/Account/Logout", LogoutAsync);
        return endpoints;
    }

    private static async Task<RedirectHttpResult> LogoutAsync(
        [FromServices] SignInManager<PortalUser> signInManager,
        [FromForm] string? returnUrl)
    {
        await signInManager.SignOutAsync();
        return TypedResults.LocalRedirect($"~/{returnUrl}");
    }
}
