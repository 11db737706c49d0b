using Backscatter.Web.Alerts;
using Backscatter.Web.Incidents;
using Backscatter.Web.Live;
using Backscatter.Web.Reflectors;
using Backscatter.Web.Reports;
using Backscatter.Web.Setup;

using MudBlazor.Services;

namespace Backscatter.Web;

public static class PortalExtensions
{
    /// <summary>The Blazor portal: components, MudBlazor, the report views and their live feed.</summary>
    public static IHostApplicationBuilder AddPortal(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<ReportFeed>();
        builder.Services.AddScoped<ReportSearch>();
        builder.Services.AddScoped<Overview>();
        builder.Services.AddSingleton<ReportDayCloser>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReportDayCloser>());
        builder.Services.AddScoped<ReportDetails>();
        builder.Services.AddScoped<TenantReflectors>();
        builder.Services.AddScoped<IncidentHistory>();
        builder.Services.AddScoped<IncidentResponse>();
        builder.Services.AddScoped<AlertChannels>();
        builder.Services.AddScoped<TenantSetup>();
        return builder;
    }
}
