// Shapes shared by the modules, so the compiler checks what main.bicep hands them.

@export()
@description('Tags put on every resource.')
type Tags = { *: string }

@export()
@description('A container app setting: a plain value, or a secretRef to a Key Vault secret of the app.')
type AppSetting = {
  name: string
  value: string?
  secretRef: string?
}

@export()
@description('A Key Vault secret a container app reads through its managed identity.')
type VaultSecret = {
  @description('The name the app\'s settings use in secretRef.')
  name: string
  @description('The secret\'s name in the vault.')
  secretName: string
}
