/** The size the canvas draws a step node at (styles/nodes.css); layout and placement space nodes by it. */
export const NODE_WIDTH = 232;
export const NODE_HEIGHT = 68;
