// One stateless host (Web or Ingest): scales on load, probed on /health/live and /health/ready.
import { Tags, AppSetting, VaultSecret } from 'types.bicep'

param name string
param location string
param tags Tags
param environmentId string
param identityId string
param registryServer string
param image string
param keyVaultUri string
@description('Key Vault secrets the app reads; its settings name them in secretRef.')
param secrets VaultSecret[]
@description('The container port that ingress forwards to.')
param targetPort int
@description('For TCP ingress: the port clients connect to (e.g. 25 for SMTP).')
param exposedPort int = 0
@description('The port of the host\'s HTTP endpoints (/health/live, /health/ready).')
param healthPort int
@allowed([ 'http', 'tcp' ])
param transport string
param external bool
@description('HTTP only: send each browser back to the replica that served it (Blazor Server circuits and their negotiate/WebSocket requests live on one replica).')
param stickySessions bool = false
param minReplicas int
param maxReplicas int
param env AppSetting[]

resource app 'Microsoft.App/containerApps@2026-07-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    managedEnvironmentId: environmentId
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: external
        targetPort: targetPort
        transport: transport
        allowInsecure: false
        exposedPort: transport == 'tcp' ? exposedPort : null
        stickySessions: stickySessions ? { affinity: 'sticky' } : null
      }
      registries: [ { server: registryServer, identity: identityId } ]
      secrets: [for secret in secrets: {
        name: secret.name
        keyVaultUrl: '${keyVaultUri}secrets/${secret.secretName}'
        identity: identityId
      }]
    }
    template: {
      containers: [
        {
          name: 'host'
          image: image
          env: env
          resources: { cpu: json('1.0'), memory: '2Gi' }
          probes: [
            { type: 'Liveness', httpGet: { path: '/health/live', port: healthPort }, periodSeconds: 10 }
            { type: 'Readiness', httpGet: { path: '/health/ready', port: healthPort }, periodSeconds: 5 }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: transport == 'tcp'
          ? [ { name: 'connections', tcp: { metadata: { concurrentConnections: '200' } } } ]
          : [ { name: 'requests', http: { metadata: { concurrentRequests: '100' } } } ]
      }
    }
  }
}

output fqdn string = app.properties.configuration.ingress.fqdn
