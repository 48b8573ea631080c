export * from "./catalogue.js";
export * from "./diagnostic.js";
export * from "./render.js";
export * from "./span.js";
export * from "./decode.js";
