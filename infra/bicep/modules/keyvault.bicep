// Secrets the hosts read at start: Container Apps through Key Vault references with the hosts'
// identity, container instances through Key Vault references resolved by the deployment.
// Nothing secret sits in app settings or in a deployment's parameters.
import { Tags } from 'types.bicep'

param vaultName string
param location string
param tags Tags
@description('Name of the hosts\' user-assigned identity, which gets read access to the secrets.')
param readerIdentityName string
// One connection string per host, each with the host's own login: the administrator's password
// never reaches the vault (docs/adr/0029).
@secure()
param webDatabaseConnectionString string
@description('The portal\'s login on the read replica: what the pipeline writes is read there (docs/adr/0030).')
@secure()
param webReplicaConnectionString string
@secure()
param ingestDatabaseConnectionString string
@secure()
param feedDatabaseConnectionString string
@secure()
param rabbitMqPassword string
@secure()
param smarthostPassword string

resource reader 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: readerIdentityName
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    // The feed nodes and the broker are container instances, which have no Key Vault references of
    // their own: their secure values are Key Vault references that the deployment resolves.
    enabledForTemplateDeployment: true
  }
}

resource webDatabase 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: 'database-web'
  properties: { value: webDatabaseConnectionString }
}

resource webReplica 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: 'database-web-replica'
  properties: { value: webReplicaConnectionString }
}

resource ingestDatabase 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: 'database-ingest'
  properties: { value: ingestDatabaseConnectionString }
}

resource feedDatabase 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: 'database-feed'
  properties: { value: feedDatabaseConnectionString }
}

resource rabbitmq 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: 'rabbitmq'
  properties: { value: rabbitMqPassword }
}

resource smarthost 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: 'smarthost'
  properties: { value: smarthostPassword }
}

// Key Vault Secrets User
var secretsUser = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource readSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, reader.id, secretsUser)
  properties: {
    roleDefinitionId: secretsUser
    principalId: reader.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output vaultUri string = vault.properties.vaultUri
