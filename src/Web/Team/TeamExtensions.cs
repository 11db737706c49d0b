using Backscatter.Web.Audit;

namespace Backscatter.Web.Team;

public static class TeamExtensions
{
    /// <summary>The team page's roster, invitations and the audit log.</summary>
    public static IHostApplicationBuilder AddTeam(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<TeamRoster>();
        builder.Services.AddScoped<InvitationDesk>();
        builder.Services.AddScoped<AuditLog>();
        return builder;
    }
}
