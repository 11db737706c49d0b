// One user-assigned identity for the hosts: pulls images and reads Key Vault secrets.
import { Tags } from 'types.bicep'

param name string
param location string
param tags Tags

resource hosts 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output identityId string = hosts.id
