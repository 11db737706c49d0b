using Backscatter.ServiceDefaults;
using Backscatter.Web;
using Backscatter.Web.Accounts;
using Backscatter.Web.Components;
using Backscatter.Web.Live;
using Backscatter.Web.Lookup;
using Backscatter.Web.Onboarding;
using Backscatter.Web.Reports;
using Backscatter.Web.Setup;
using Backscatter.Web.Team;
using Backscatter.Web.Tenancy;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddBackscatterDatabase();
builder.AddTenantSecrets();
builder.AddPortalKeyRing();
builder.AddTenantIsolation();
builder.AddMessageBus(bus => bus.AddPortalConsumers());
builder.AddPortalAccounts();
builder.AddOnboarding();
builder.AddPortal();
builder.AddDirectMx();
builder.AddReflectorLookup();
builder.AddTeam();

var app = builder.Build();

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapRawMessageDownload();
app.MapTeamEndpoints();
app.MapDefaultEndpoints();

app.Run();
