using Backscatter.Domain.Persistence;
using Backscatter.Ingest.Classification;
using Backscatter.Ingest.Smtp;
using Backscatter.Ingest.Storage;

using Microsoft.Extensions.DependencyInjection.Extensions;

using Npgsql;

namespace Backscatter.Ingest;

/// <summary>The SMTP ingest: listener, durable inbox, address book, sweeper, retention.</summary>
public static class IngestExtensions
{
    public static IHostApplicationBuilder AddSmtpIngest(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SmtpOptions>()
            .Bind(builder.Configuration.GetSection(SmtpOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The inbox's own pool: it sets no session state, so a connection needs no reset between
        // batches, and its few statements stay prepared on every connection.
        var connectionString = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName))
        {
            NoResetOnClose = true,
            MaxAutoPrepare = 16,
        }.ConnectionString;
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));

        builder.Services.AddSingleton<IIngestAddressBook, IngestAddressBook>();
        builder.Services.AddSingleton<PostgresReportInbox>();
        builder.Services.TryAddSingleton<UnclassifiedMessages>();
        builder.Services.AddSingleton<IReportInbox>(sp => sp.GetRequiredService<PostgresReportInbox>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresReportInbox>());
        builder.Services.TryAddSingleton<AcceptanceActivity>();
        builder.Services.AddSingleton<SmtpMetrics>();
        builder.Services.AddSingleton<InboxMetrics>();
        builder.Services.TryAddSingleton<ClassificationMetrics>();
        builder.Services.AddSingleton<SmtpListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SmtpListener>());
        builder.Services.AddSingleton<UnannouncedReportSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UnannouncedReportSweeper>());
        builder.Services.AddSingleton<ReportRetention>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReportRetention>());
        if (builder.Configuration.GetValue("Ingest:CreateDemoTenant", builder.Environment.IsDevelopment()))
        {
            builder.Services.AddHostedService<DemoTenant>();
        }

        return builder;
    }
}
