using Backscatter.Domain.Persistence;
using Backscatter.Domain.Tenancy;
using Backscatter.ServiceDefaults;
using Backscatter.Web.Components.Account;
using Backscatter.Web.Tenancy;

using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Backscatter.Web.Accounts;

public static class AccountExtensions
{
    /// <summary>
    /// The portal's default Data Protection (sign-in cookies, antiforgery, Identity's tokens, Blazor's
    /// state) on <see cref="PortalKeyRing"/>, which only the portal's login may read: with the tenants'
    /// ring, which the Ingest reads, a compromised Ingest could forge the portal's cookies (docs/adr/0034).
    /// After <c>AddBackscatterDatabase</c>, so that the migrator's first attempt runs before the ring is read at start.
    /// </summary>
    public static IHostApplicationBuilder AddPortalKeyRing(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection()
            .SetApplicationName(PortalKeyRing.ApplicationName)
            .ProtectKeysAtRest(KeyRingEncryption.LoadCertificates(builder.Configuration));
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IDbContextFactory<BackscatterDbContext>>((options, databases) => options.XmlRepository = new PortalKeyRing(databases));
        return builder;
    }

    /// <summary>
    /// ASP.NET Core Identity in the shared database: cookie sign-in, confirmed email required,
    /// lockout after failed attempts, TOTP two-factor, account mail through <see cref="AccountMailer"/>.
    /// </summary>
    public static IHostApplicationBuilder AddPortalAccounts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthorizationBuilder().AddPortalPolicies();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // A removed or re-roled member's cookie is checked against the database on every request
        // (one user and one roles lookup), so the change applies at once; see docs/adr/0012.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        services.AddIdentityCore<PortalUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.SignIn.RequireConfirmedEmail = true;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                // Length over composition rules (NIST SP 800-63B).
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireDigit = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<BackscatterDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<TenantClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.AddOptions<AccountMailOptions>()
            .Bind(builder.Configuration.GetSection(AccountMailOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountMailOptions>, AccountMailOptionsValidator>();
        services.AddSingleton<AccountMailer>();
        services.AddSingleton<IEmailSender<PortalUser>>(sp => sp.GetRequiredService<AccountMailer>());
        services.AddScoped<TenantSignUp>();
        return builder;
    }
}
