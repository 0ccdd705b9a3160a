export { ROOT_DIR } from "../../subgraphs/shared/src/paths";
