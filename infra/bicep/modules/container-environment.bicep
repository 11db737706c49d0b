// The Container Apps environment of Web and Ingest, inside the private network. Its OpenTelemetry
// agent gives the apps OTEL_EXPORTER_OTLP_ENDPOINT (ServiceDefaults exports there when it is set)
// and forwards traces and logs to Application Insights.
import { Tags } from 'types.bicep'

param name string
param location string
param tags Tags
param logAnalyticsWorkspaceName string
param appInsightsName string
param infrastructureSubnetId string

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource environment 'Microsoft.App/managedEnvironments@2026-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    appInsightsConfiguration: {
      connectionString: insights.properties.ConnectionString
    }
    openTelemetryConfiguration: {
      tracesConfiguration: { destinations: [ 'appInsights' ] }
      logsConfiguration: { destinations: [ 'appInsights' ] }
    }
    vnetConfiguration: {
      infrastructureSubnetId: infrastructureSubnetId
      internal: false
    }
    zoneRedundant: true
  }
}

output environmentId string = environment.id
