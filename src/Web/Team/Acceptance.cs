using Backscatter.Domain.Tenancy;

using Microsoft.AspNetCore.Identity;

namespace Backscatter.Web.Team;

/// <summary>The outcome of looking at or accepting an invitation: the preview, a refusal, or the password's problems.</summary>
public sealed record Acceptance(InvitationPreview? Preview, TeamRefusal? Refusal = null, IReadOnlyList<IdentityError>? Errors = null)
{
    public bool Succeeded => Preview is not null && Refusal is null && Errors is null;
}
