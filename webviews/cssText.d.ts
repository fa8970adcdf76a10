// esbuild loads .css files as text (loader: { '.css': 'text' }): the module's default is the stylesheet.
declare module '*.css' {
  const text: string;
  export { text as default };
}
