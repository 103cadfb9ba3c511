/** The size the canvas draws a step node at (styles/nodes.css); layout and placement space nodes by it. */
export { NODE_HEIGHT, NODE_WIDTH } from '../../engine/model/layout-options';
