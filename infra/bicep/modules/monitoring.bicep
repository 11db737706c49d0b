// Logs, metrics and traces of every host: the hosts export OpenTelemetry; Container Apps and
// container instances ship console logs to the workspace.
import { Tags } from 'types.bicep'

param workspaceName string
param insightsName string
param location string
param tags Tags

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: insightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}
