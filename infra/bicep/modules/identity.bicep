// One user-assigned identity for the hosts: pulls images and reads Key Vault secrets.
param name string
param location string
param tags object

resource hosts 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-hosts'
  location: location
  tags: tags
}

output identityId string = hosts.id
output principalId string = hosts.properties.principalId
