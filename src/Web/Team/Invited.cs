using Backscatter.Domain.Tenancy;

namespace Backscatter.Web.Team;

/// <summary>The outcome of inviting someone: the refusal, or the invitation and the token for its link (never stored).</summary>
public sealed record Invited(TeamRefusal? Refusal, Invitation? Invitation = null, string? Token = null, string? Organisation = null);
