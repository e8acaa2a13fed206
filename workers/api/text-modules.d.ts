// Wrangler's Text module rule (wrangler.toml [[rules]]) imports these files as strings.
declare module 'swagger-ui-dist/swagger-ui.css' {
  const text: string
  export default text
}
declare module 'swagger-ui-dist/swagger-ui-bundle.js' {
  const text: string
  export default text
}
declare module '*.wasm' {
  const module: WebAssembly.Module
  export default module
}
